// What the Node transfer benchmarks share: a random source file, plain ali-oss (plain-oss.mjs: the baseline's client
// and its ranged-GET download) and encrypted clients against an emulator with the same part size and concurrency,
// and the four timed transfers with the check each one gets after its timing (verify.mjs).
import { createHash, randomFillSync } from 'node:crypto';
import { open, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { plainOss, plainRangedDownload } from './plain-oss.mjs';
import { verifyFile, verifyStored } from './verify.mjs';

export { plainOss, plainRangedDownload };

const MiB = 1024 * 1024;
const require = createRequire(fileURLToPath(new URL('../package.json', import.meta.url)));
const load = (name) => import(pathToFileURL(require.resolve(name)).href);

/** Writes `sizeMiB` MiB of random bytes to `file`; returns their digest (`{ sha256, length }`). */
export async function writeRandomFile(file, sizeMiB) {
  const h = await open(file, 'w');
  const hash = createHash('sha256');
  try {
    const chunk = Buffer.allocUnsafe(8 * MiB);
    for (let off = 0; off < sizeMiB * MiB; off += chunk.length) {
      await h.write(randomFillSync(chunk), 0, chunk.length, off);
      hash.update(chunk);
    }
  } finally {
    await h.close();
  }
  return { sha256: hash.digest('hex'), length: sizeMiB * MiB };
}

/**
 * Plain ali-oss and an @oss-cse/node client with a fresh RSA-2048 key (also returned), both for the emulator `info`.
 */
export async function transferClients(info, { partSize, concurrency }) {
  const { createClient } = await load('@oss-cse/node');
  const { Keyring, RsaMasterKey, generateRsaKeyPair } = await load('@oss-cse/core');
  const credentials = { accessKeyId: info.accessKeyId, accessKeySecret: info.accessKeySecret };
  const oss = plainOss(info);
  const keyring = new Keyring(
    await RsaMasterKey.import({ privateKey: (await generateRsaKeyPair({ bits: 2048 })).privateKey }),
  );
  const client = createClient({
    keyring,
    bucket: info.bucket,
    region: info.region,
    endpoint: info.ossEndpoint,
    credentials,
    partSize,
    concurrency,
    timeoutMs: 600_000,
  });
  return { oss, client, keyring };
}

/**
 * The plain and encrypted uploads and downloads of `src` (whose digest is `source`), by name: `run` is what is
 * timed, `check` what follows it untimed (the object read back, decrypted when encrypted; the download compared
 * with the source, then removed). Downloads read what the uploads of the same name left.
 */
export function transferOps({ oss, client, keyring, src, source, dir, partSize, concurrency }) {
  const downloaded = async (figure, path) => {
    await verifyFile({ figure, path, expected: source });
    await rm(path, { force: true });
  };
  const plainOut = join(dir, 'plain.out');
  const encOut = join(dir, 'enc.out');
  return {
    'plain upload': {
      run: () => oss.multipartUpload('plain.bin', src, { partSize, parallel: concurrency }),
      check: () =>
        verifyStored({
          figure: 'Node plain upload (ali-oss multipartUpload)',
          oss,
          key: 'plain.bin',
          expected: source,
        }),
    },
    'encrypted upload': {
      run: () => client.upload('enc.bin', src),
      check: () => verifyStored({ figure: 'Node encrypted upload', oss, key: 'enc.bin', keyring, expected: source }),
    },
    'plain download': {
      run: () => plainRangedDownload(oss, 'plain.bin', source.length, plainOut, partSize, concurrency),
      check: () => downloaded('Node plain download (ali-oss ranged GETs)', plainOut),
    },
    'encrypted download': {
      run: () => client.download('enc.bin', encOut),
      check: () => downloaded('Node encrypted download', encOut),
    },
  };
}
