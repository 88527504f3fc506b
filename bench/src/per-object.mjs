// Per-object cost: 1 KiB put+get through @oss-cse/node (RSA PKCS#1 v1.5, RSA-OAEP, KMS on the emulator) vs plain
// ali-oss put+get of the same bytes; and RSA-2048 unwrap operations per second of core's PKCS#1 v1.5 code vs
// node:crypto raw RSA (privateDecrypt with RSA_NO_PADDING, then the padding parsed in JS). After each timed run,
// untimed, every object it put is read back (decrypted with the master key when encrypted) and every get's
// body compared with what was put (verify.mjs).
import { constants, createPrivateKey, privateDecrypt, publicEncrypt, randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startEmulatorProcess } from './emulator-process.mjs';
import { median } from './stats.mjs';
import { digestOf, expectSame, verifyStored } from './verify.mjs';

const require = createRequire(fileURLToPath(new URL('../package.json', import.meta.url)));
const load = (name) => import(pathToFileURL(require.resolve(name)).href);

/** put+get `n` times through `fn(i)` (which returns what its get read), timed; then, untimed, `check(got)`. */
async function opsPerSec(n, fn, check) {
  const got = [];
  const t0 = performance.now();
  for (let i = 0; i < n; i++) got.push(await fn(i));
  const rate = n / ((performance.now() - t0) / 1000);
  await check(got);
  return rate;
}

/** Every get read `expected`, and every object `${prefix}${i}` holds it (decrypted with `keyring` when given). */
async function checkPutGet({ figure, oss, prefix, keyring, expected, got }) {
  for (const [i, body] of got.entries()) {
    expectSame(figure, `the get of ${prefix}${i}`, await digestOf([body]), expected);
    await verifyStored({ figure, oss, key: `${prefix}${i}`, keyring, expected });
  }
}

/** Alternating runs of plain and encrypted put+get; medians of ops/s. */
export async function benchPerObject({ ops = 200, runs = 3 } = {}) {
  const emulator = await startEmulatorProcess({ kmsKey: true });
  const { default: OSS } = await load('ali-oss');
  const { createClient } = await load('@oss-cse/node');
  const { RsaMasterKey, generateRsaKeyPair, WRAP_RSA_OAEP_SHA1 } = await load('@oss-cse/core');
  const { KmsMasterKey } = await load('@oss-cse/kms');
  const { info } = emulator;
  const credentials = { accessKeyId: info.accessKeyId, accessKeySecret: info.accessKeySecret };
  const clients = [];
  try {
    const oss = new OSS({
      endpoint: info.ossEndpoint,
      bucket: info.bucket,
      region: `oss-${info.region}`,
      ...credentials,
      sldEnable: true,
      authorizationV4: true,
    });
    const { privateKey } = await generateRsaKeyPair({ bits: 2048 });
    const keys = {
      'RSA PKCS#1 v1.5': await RsaMasterKey.import({ privateKey }),
      'RSA-OAEP': await RsaMasterKey.import({ privateKey, wrapAlgorithm: WRAP_RSA_OAEP_SHA1 }),
      'KMS (emulator)': new KmsMasterKey({ endpoint: info.kmsEndpoint, credentials, keyId: info.kmsKeyId }),
    };
    const body = randomBytes(1024);
    const expected = await digestOf([body]);
    const plain = async (i) => {
      await oss.put(`plain/${i}`, body);
      return (await oss.get(`plain/${i}`)).content;
    };
    const plainChecked = (got) =>
      checkPutGet({ figure: '1 KiB put+get, plain ali-oss', oss, prefix: 'plain/', expected, got });
    const results = {};
    for (const [name, key] of Object.entries(keys)) {
      const client = createClient({
        keyring: key,
        bucket: info.bucket,
        region: info.region,
        endpoint: info.ossEndpoint,
        credentials,
      });
      clients.push(client);
      const encrypted = async (i) => {
        await client.put(`enc/${i}`, body);
        return (await client.get(`enc/${i}`)).body;
      };
      const encryptedChecked = (got) =>
        checkPutGet({ figure: `1 KiB put+get, ${name}`, oss, prefix: 'enc/', keyring: key, expected, got });
      await plainChecked([await plain(0)]);
      await encryptedChecked([await encrypted(0)]);
      const p = [];
      const e = [];
      for (let run = 0; run < runs; run++) {
        p.push(await opsPerSec(ops, plain, plainChecked));
        e.push(await opsPerSec(ops, encrypted, encryptedChecked));
      }
      results[name] = { opsPerSec: median(e), plainOpsPerSec: median(p), ratio: median(e) / median(p) };
    }
    return { ops, runs, bodyBytes: body.length, results };
  } finally {
    for (const c of clients) c.close();
    await emulator.stop();
  }
}

/** PKCS#1 v1.5 type 2 padding parse of a raw RSA output (constant-time style, as a raw-RSA user would write it). */
function parsePkcs1Type2(em, expectedLength) {
  let bad = em[0] | (em[1] ^ 2);
  let sep = 0;
  for (let i = 2; i < em.length; i++) {
    const isZero = em[i] === 0 ? 1 : 0;
    if (sep === 0 && isZero) sep = i;
  }
  bad |= sep < 10 ? 1 : 0;
  bad |= em.length - sep - 1 !== expectedLength ? 1 : 0;
  if (bad) throw new Error('unwrap failed');
  return em.subarray(sep + 1);
}

export async function benchRsaUnwrap({ seconds = 2, runs = 3 } = {}) {
  const { RsaMasterKey, generateRsaKeyPair, exportPrivateKeyPem } = await load('@oss-cse/core');
  const { privateKey } = await generateRsaKeyPair({ bits: 2048 });
  const master = await RsaMasterKey.import({ privateKey });
  const nodeKey = createPrivateKey(await exportPrivateKeyPem(privateKey));
  const cek = randomBytes(32);
  const wrapped = publicEncrypt({ key: nodeKey, padding: constants.RSA_PKCS1_PADDING }, cek);
  const context = {
    wrapAlgorithm: 'RSA/NONE/PKCS1Padding',
    part: 'key',
    formatVersion: 2,
    expectedLength: 32,
    headerValue: wrapped.toString('base64'),
  };
  const core = async () => {
    const out = await master.unwrap(new Uint8Array(wrapped), context);
    if (out[0] !== cek[0]) throw new Error('core unwrap mismatch');
  };
  const raw = async () => {
    const out = parsePkcs1Type2(privateDecrypt({ key: nodeKey, padding: constants.RSA_NO_PADDING }, wrapped), 32);
    if (out[0] !== cek[0]) throw new Error('raw unwrap mismatch');
  };
  const rate = async (fn) => {
    let n = 0;
    const t0 = performance.now();
    while (performance.now() - t0 < seconds * 1000) {
      await fn();
      n++;
    }
    return n / ((performance.now() - t0) / 1000);
  };
  await core();
  await raw();
  const c = [];
  const r = [];
  for (let i = 0; i < runs; i++) {
    r.push(await rate(raw));
    c.push(await rate(core));
  }
  return { bits: 2048, opsPerSec: median(c), rawOpsPerSec: median(r), ratio: median(c) / median(r) };
}
