// Resume never encrypts different bytes under a used counter: the checkpoint records the SHA-256 of each part's
// plaintext before the part is sent, and a resume re-reads and re-hashes every one of them. A part changed with
// size and mtime kept (which a size/mtime check misses) aborts the old upload and starts a new one under a fresh
// data key and IV.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { keyringOf, patternBytes, startTestEnv, testKeys, type TestEnv, same } from '../../test/setup.js';
import { rawClient } from '../../test/raw.js';

const PART = 100 * 1024 + 16;
const START = 'x-oss-meta-client-side-encryption-start';
let env: TestEnv;

beforeAll(async () => {
  env = await startTestEnv(await keyringOf((await testKeys()).main.private_key_pkcs1_pem));
});
afterAll(() => env.close());

const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

interface SavedUpload {
  uploadId: string;
  parts: Array<{ partNumber: number }>;
  sent: Record<string, string>;
  material: { encryptedIv: string };
}

/** Uploads `file` in parts until part `failing` fails for good; returns the checkpoint left behind. */
async function interruptedUpload(key: string, file: string, cpDir: string, failing: number): Promise<SavedUpload> {
  const c = env.client({
    partSize: PART,
    multipartThreshold: PART,
    concurrency: 1,
    retry: { retries: 0 },
    checkpointDir: cpDir,
  });
  await expect(
    c.upload(key, file, {
      onProgress: (p) => {
        if (p.partsDone === failing - 1) env.emulator.faults.failNext({ operation: 'UploadPart', status: 500 });
      },
    }),
  ).rejects.toMatchObject({ code: 'ERR_TRANSPORT' });
  const name = (await readdir(cpDir)).find((f) => f.startsWith('upload-'))!;
  return JSON.parse(await readFile(join(cpDir, name), 'utf8')) as SavedUpload;
}

/** A whole second, so that utimes restores the mtime exactly (as `touch -r` or a careful editor would). */
const MTIME = 1_700_000_000;

async function writeSource(file: string, bytes: Uint8Array): Promise<void> {
  await writeFile(file, bytes);
  await utimes(file, MTIME, MTIME);
}

/** Flips one byte of `file` in place, keeping its size and mtime. */
async function flipKeepingMtime(file: string, at: number): Promise<Buffer> {
  const before = await stat(file);
  const bytes = await readFile(file);
  bytes[at]! ^= 0x5a;
  await writeFile(file, bytes);
  await utimes(file, MTIME, MTIME);
  const after = await stat(file);
  expect([after.size, after.mtimeMs]).toEqual([before.size, before.mtimeMs]);
  return bytes;
}

describe('resume re-verifies every sent part', () => {
  it('records the SHA-256 of each part before it is sent, the failed one included', async () => {
    const data = patternBytes(6 * PART, 71);
    const file = join(env.dir, 'hashes.bin');
    await writeFile(file, data);
    const cpDir = join(env.dir, 'cp-hashes');
    await mkdir(cpDir);
    const saved = await interruptedUpload('rv/hashes.bin', file, cpDir, 4);
    expect(saved.parts.map((p) => p.partNumber)).toEqual([1, 2, 3]);
    expect(saved.sent).toEqual(
      Object.fromEntries([1, 2, 3, 4].map((n) => [String(n), sha256(data.subarray((n - 1) * PART, n * PART))])),
    );
  });

  it.each([
    ['a middle part already on the server', 2],
    ['the part whose upload failed (its ciphertext was sent)', 4],
  ])(
    '%s changed with size and mtime kept: a fresh upload with a new IV, the old one aborted',
    async (_what, changedPart) => {
      const data = patternBytes(6 * PART + 9, 72 + changedPart);
      const file = join(env.dir, `changed-${changedPart}.bin`);
      await writeSource(file, data);
      const cpDir = join(env.dir, `cp-changed-${changedPart}`);
      await mkdir(cpDir);
      const key = `rv/changed-${changedPart}.bin`;
      const saved = await interruptedUpload(key, file, cpDir, 4);
      expect(saved.parts).toHaveLength(3);
      const changed = await flipKeepingMtime(file, (changedPart - 1) * PART + 1000);

      const c = env.client({ partSize: PART, multipartThreshold: PART, concurrency: 2, checkpointDir: cpDir });
      const restarts: string[] = [];
      const r = await c.upload(key, file, { onRestart: (why) => restarts.push(why) });
      expect(restarts).toEqual(['source-changed']);
      expect(r.resumedParts).toBe(0);
      expect(r.uploadId).not.toBe(saved.uploadId);
      const head = await rawClient(env.emulator).head(key);
      expect(head.res.headers[START as never]).not.toBe(saved.material.encryptedIv);
      expect(same((await c.get(key)).body, changed)).toBe(true);
      // The old upload (whose counters covered the old bytes) is gone, so no counter is used for two contents.
      expect(await c.listMultipartUploads({ prefix: key })).toEqual([]);
      expect(await readdir(cpDir)).toEqual([]);
    },
  );

  it('an unchanged file still resumes the same upload after the re-check', async () => {
    const data = patternBytes(5 * PART + 1, 79);
    const file = join(env.dir, 'same.bin');
    await writeFile(file, data);
    const cpDir = join(env.dir, 'cp-same');
    await mkdir(cpDir);
    const saved = await interruptedUpload('rv/same.bin', file, cpDir, 3);
    const c = env.client({ partSize: PART, multipartThreshold: PART, checkpointDir: cpDir });
    const r = await c.upload('rv/same.bin', file);
    expect([r.uploadId, r.resumedParts]).toEqual([saved.uploadId, 2]);
    expect(same((await c.get('rv/same.bin')).body, data)).toBe(true);
  });
});
