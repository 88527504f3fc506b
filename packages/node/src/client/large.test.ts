// The one large case: 256 MiB generated on the fly, streamed from a temporary file through upload and download
// (8 MiB parts, concurrency 4), compared by SHA-256, with memory bounded by parts in flight, not object size.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash, randomFillSync } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { keyringOf, startTestEnv, testKeys, type TestEnv } from '../../test/setup.js';

const MiB = 1024 * 1024;
const SIZE = 256 * MiB;
let env: TestEnv;

beforeAll(async () => {
  env = await startTestEnv(await keyringOf((await testKeys()).main.private_key_pkcs1_pem), { onDisk: true });
});
afterAll(() => env.close());

async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 4 * MiB })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

describe('256 MiB', () => {
  it('uploads and downloads a 256 MiB file byte-identically with bounded memory', async () => {
    const src = join(env.dir, 'large.src');
    const handle = await open(src, 'w');
    const chunk = Buffer.allocUnsafe(8 * MiB);
    const hash = createHash('sha256');
    for (let off = 0; off < SIZE; off += chunk.length) {
      randomFillSync(chunk);
      hash.update(chunk);
      await handle.write(chunk, 0, chunk.length, off);
    }
    await handle.close();
    const want = hash.digest('hex');

    const client = env.client({ partSize: 8 * MiB, concurrency: 4 });
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sample = () => {
      peak = Math.max(peak, process.memoryUsage().rss);
    };
    const up = await client.upload('large.bin', src, { onProgress: sample });
    expect(up.parts).toBe(32);
    await rm(src);
    const out = join(env.dir, 'large.out');
    const down = await client.download('large.bin', out, { onProgress: sample });
    expect(down.crc64).toBe(up.crc64);
    expect(await sha256File(out)).toBe(want);
    // Parts in flight (4 × 8 MiB, for plaintext and ciphertext) plus the emulator's request buffers and garbage
    // not yet collected stay below the object's size; holding the object (plaintext and ciphertext) would not.
    expect(peak - baseline, `RSS grew by ${((peak - baseline) / MiB).toFixed(0)} MiB`).toBeLessThan(SIZE);
  }, 180_000);
});
