// Per-object cost: 1 KiB put+get through @oss-cse/node (RSA PKCS#1 v1.5, RSA-OAEP, KMS on the emulator) vs plain
// ali-oss put+get of the same bytes; 100 ranged reads of one object with the materials cache (envelope opens
// counted) and without; growth (1 000 and 10 000 objects put+get in a row, cost per object); and RSA-2048 unwrap
// operations per second of core's PKCS#1 v1.5 code vs node:crypto raw RSA (privateDecrypt with RSA_NO_PADDING,
// then the padding parsed in JS). After each timed run, untimed, every object it put is read back (decrypted with
// the master key when encrypted) and every get's body compared with what was put (verify.mjs).
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

/**
 * Starts the emulator (with a KMS key) and runs `fn({ info, credentials, oss, client, modules })`: `oss` is plain
 * ali-oss on it, `client(keyring, options)` a Node client (closed afterwards); the emulator always stops.
 */
async function withObjectBench(fn) {
  const emulator = await startEmulatorProcess({ kmsKey: true });
  const { default: OSS } = await load('ali-oss');
  const node = await load('@oss-cse/node');
  const core = await load('@oss-cse/core');
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
    const client = (keyring, options = {}) => {
      const c = node.createClient({
        keyring,
        bucket: info.bucket,
        region: info.region,
        endpoint: info.ossEndpoint,
        credentials,
        ...options,
      });
      clients.push(c);
      return c;
    };
    return await fn({ info, credentials, oss, client, core, node });
  } finally {
    for (const c of clients) c.close();
    await emulator.stop();
  }
}

/**
 * Untimed plain and encrypted put+get pairs before the first timed row (warm-up): plain ali-oss and the emulator
 * reach their steady speed only after about 2,000 (measured: 200-op runs after a warm-up of 300 went 478 → 865
 * ops/s over 1,600 more, with the client's and the emulator's CPU per op halving; after 2,000 the first run was
 * already at 1,100-1,500).
 */
const WARM_UP_OPS = 2000;

/** Alternating runs of plain and encrypted put+get (after an untimed warm-up of both); medians of ops/s. */
export async function benchPerObject({ ops = 200, runs = 3 } = {}) {
  const { KmsMasterKey } = await load('@oss-cse/kms');
  return withObjectBench(async ({ info, credentials, oss, client, core, node }) => {
    const { RsaMasterKey, generateRsaKeyPair, WRAP_RSA_OAEP_SHA1 } = core;
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
    // Warm-up, untimed: the emulator, ali-oss, the sockets and the JIT reach their steady state before the first
    // row, so every row compares warm with warm (a cold plain baseline made the first row's ratio look better).
    const warm = client(keys['RSA PKCS#1 v1.5']);
    for (let i = 0; i < WARM_UP_OPS; i++) {
      await oss.put(`warm/${i}`, body);
      await oss.get(`warm/${i}`);
      await warm.put(`warm-enc/${i}`, body);
      await warm.get(`warm-enc/${i}`);
    }
    const results = {};
    for (const [name, key] of Object.entries(keys)) {
      const c = client(key);
      const encrypted = async (i) => {
        await c.put(`enc/${i}`, body);
        return (await c.get(`enc/${i}`)).body;
      };
      // The untimed check unwraps 2 × ops headers per run with OpenSSL's raw RSA (core's checks kept), as the
      // growth bench does: with core's portable RSA the PKCS#1 row alone spent seconds of CPU between its timed runs.
      const checker = key instanceof RsaMasterKey ? await key.withPrivateOperation(node.nodeRsaPrivateOperation) : key;
      const encryptedChecked = (got) =>
        checkPutGet({ figure: `1 KiB put+get, ${name}`, oss, prefix: 'enc/', keyring: checker, expected, got });
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
  });
}

/** An RSA master key whose unwraps are counted (data-key headers: one per envelope opened). */
function countingKey(inner) {
  const counted = { opened: 0 };
  const key = {
    wrapAlgorithm: inner.wrapAlgorithm,
    description: inner.description,
    canUnwrap: inner.canUnwrap,
    supportsUnwrap: (alg) => inner.supportsUnwrap(alg),
    wrap: (plain, context) => inner.wrap(plain, context),
    unwrap: (wrapped, context) => {
      if (context.part === 'key') counted.opened++;
      return inner.unwrap(wrapped, context);
    },
  };
  return { key, counted };
}

/**
 * `reads` ranged GETs (4 KiB each, spread over the object) of one 8 MiB multipart object by one Node client: the
 * envelope opens counted at the master key, with the client's materials cache and with `materialsCache: false`
 * (the baseline), and the reads per second of each. Every read is compared with the source.
 */
export async function benchRangedReads({ reads = 100, sizeMiB = 8 } = {}) {
  return withObjectBench(async ({ client, core }) => {
    const { privateKey } = await core.generateRsaKeyPair({ bits: 2048 });
    const master = await core.RsaMasterKey.import({ privateKey });
    const size = sizeMiB * 1024 * 1024;
    const source = randomBytes(size);
    const objectKey = 'ranged/object.bin';
    await client(master, { partSize: 1024 * 1024 }).upload(objectKey, source);
    const span = 4096;
    const run = async (options) => {
      const { key, counted } = countingKey(master);
      const c = client(key, options);
      const starts = Array.from({ length: reads }, (_, i) => (i * 83_887 + 13) % (size - span));
      const got = [];
      const t0 = performance.now();
      for (const start of starts) got.push((await c.get(objectKey, { range: `${start}-${start + span - 1}` })).body);
      const readsPerSec = reads / ((performance.now() - t0) / 1000);
      const figure = `${reads} ranged reads of one ${sizeMiB} MiB object`;
      for (const [i, start] of starts.entries())
        expectSame(
          figure,
          `read ${i}`,
          await digestOf([got[i]]),
          await digestOf([source.subarray(start, start + span)]),
        );
      return { opened: counted.opened, readsPerSec };
    };
    const uncached = await run({ materialsCache: false });
    const cached = await run({});
    return { reads, sizeMiB, span, cached, uncached };
  });
}

/**
 * Growth: `counts` objects of 1 KiB each put+get in a row by one Node client (RSA PKCS#1 v1.5), per object cost per
 * count; every get compared with the source and every stored object decrypted independently afterwards.
 */
export async function benchGrowth({ counts = [1000, 10_000] } = {}) {
  return withObjectBench(async ({ oss, client, core, node }) => {
    const { privateKey } = await core.generateRsaKeyPair({ bits: 2048 });
    const key = await core.RsaMasterKey.import({ privateKey });
    const c = client(key);
    // The untimed check unwraps 2 × (1 000 + 10 000) headers: with OpenSSL's raw RSA (core's checks kept).
    const checker = await key.withPrivateOperation(node.nodeRsaPrivateOperation);
    const body = randomBytes(1024);
    const expected = await digestOf([body]);
    const results = [];
    for (const count of counts) {
      const prefix = `growth/${count}/`;
      const rate = await opsPerSec(
        count,
        async (i) => {
          await c.put(`${prefix}${i}`, body);
          return (await c.get(`${prefix}${i}`)).body;
        },
        (got) => checkPutGet({ figure: `${count} objects put+get`, oss, prefix, keyring: checker, expected, got }),
      );
      results.push({ count, opsPerSec: rate, msPerObject: 1000 / rate });
    }
    return { bodyBytes: body.length, results };
  });
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
