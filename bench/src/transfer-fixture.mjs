// What the Node transfer benchmarks share: a random source file, plain ali-oss and encrypted clients against an
// emulator with the same part size and concurrency, and the plain baseline for downloads (ranged GETs).
import { randomFillSync } from 'node:crypto';
import { open } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const MiB = 1024 * 1024;
const require = createRequire(fileURLToPath(new URL('../package.json', import.meta.url)));
const load = (name) => import(pathToFileURL(require.resolve(name)).href);

/** Writes `sizeMiB` MiB of random bytes to `file`. */
export async function writeRandomFile(file, sizeMiB) {
  const h = await open(file, 'w');
  try {
    const chunk = Buffer.allocUnsafe(8 * MiB);
    for (let off = 0; off < sizeMiB * MiB; off += chunk.length) await h.write(randomFillSync(chunk), 0, chunk.length, off);
  } finally {
    await h.close();
  }
}

/** Plain ali-oss (V4) and an @oss-cse/node client with a fresh RSA-2048 key, both for the emulator `info`. */
export async function transferClients(info, { partSize, concurrency }) {
  const { default: OSS } = await load('ali-oss');
  const { createClient } = await load('@oss-cse/node');
  const { Keyring, RsaMasterKey, generateRsaKeyPair } = await load('@oss-cse/core');
  const credentials = { accessKeyId: info.accessKeyId, accessKeySecret: info.accessKeySecret };
  const oss = new OSS({ endpoint: info.ossEndpoint, bucket: info.bucket, region: `oss-${info.region}`, ...credentials, sldEnable: true, authorizationV4: true, timeout: 600_000 });
  const keyring = new Keyring(await RsaMasterKey.import({ privateKey: (await generateRsaKeyPair({ bits: 2048 })).privateKey }));
  const client = createClient({ keyring, bucket: info.bucket, region: info.region, endpoint: info.ossEndpoint, credentials, partSize, concurrency, timeoutMs: 600_000 });
  return { oss, client };
}

/** The plain download baseline: ranged GETs of `partSize`, `concurrency` at a time, written at their offsets. */
export async function plainRangedDownload(oss, key, size, file, partSize, concurrency) {
  const handle = await open(file, 'w');
  try {
    let next = 0;
    const worker = async () => {
      for (;;) {
        const offset = next;
        if (offset >= size) return;
        next += partSize;
        const end = Math.min(size, offset + partSize) - 1;
        const r = await oss.get(key, { headers: { Range: `bytes=${offset}-${end}` } });
        await handle.write(r.content, 0, r.content.length, offset);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
  } finally {
    await handle.close();
  }
}
