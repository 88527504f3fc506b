// Node's part sources: a file read through one handle into reused buffers, refused once it changes during the
// upload (ERR_SOURCE_CHANGED, nothing left on the server without a checkpoint); a stream of unknown size spooled to
// a 0600 temporary file that is gone after the upload, whether it succeeded or failed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendFile, mkdir, readdir, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { keyringOf, patternBytes, same, startTestEnv, testKeys, type TestEnv } from '../../test/setup.js';
import { fileSource } from './file-source.js';

const PART = 100 * 1024 + 16;
let env: TestEnv;

beforeAll(async () => {
  env = await startTestEnv(await keyringOf((await testKeys()).main.private_key_pkcs1_pem));
});
afterAll(() => env.close());

describe('fileSource', () => {
  it('identifies the file (absolute path, size, mtime) and reuses a released read buffer', async () => {
    const file = join(env.dir, 'reuse.bin');
    const data = patternBytes(3 * PART, 1);
    await writeFile(file, data);
    const source = await fileSource(file);
    try {
      expect(source.identity).toEqual({ name: file, size: data.length, lastModified: (await stat(file)).mtimeMs });
      const first = (await source.read(0, PART)) as Uint8Array;
      expect(same(first, data.subarray(0, PART))).toBe(true);
      const held = (await source.read(PART, PART)) as Uint8Array;
      expect(held.buffer).not.toBe(first.buffer);
      source.release!(first);
      const third = (await source.read(2 * PART, PART)) as Uint8Array;
      expect(third.buffer).toBe(first.buffer);
      expect(same(third, data.subarray(2 * PART))).toBe(true);
      expect(same(held, data.subarray(PART, 2 * PART))).toBe(true);
    } finally {
      await source.close!();
    }
  });

  it('a file whose size or mtime changes between reads is ERR_SOURCE_CHANGED', async () => {
    const file = join(env.dir, 'changing.bin');
    await writeFile(file, patternBytes(2 * PART, 2));
    for (const change of [() => appendFile(file, 'x'), () => utimes(file, new Date(), new Date(Date.now() + 5000))]) {
      await writeFile(file, patternBytes(2 * PART, 2));
      const source = await fileSource(file);
      await source.read(0, PART);
      await change();
      await expect(source.read(PART, PART)).rejects.toMatchObject({ code: 'ERR_SOURCE_CHANGED' });
      await source.close!();
    }
  });

  it('an upload whose file changes mid-way fails with ERR_SOURCE_CHANGED and leaves no multipart upload', async () => {
    const file = join(env.dir, 'mid-way.bin');
    await writeFile(file, patternBytes(6 * PART, 3));
    const client = env.client({ partSize: PART, multipartThreshold: PART, concurrency: 1 });
    await expect(
      client.upload('src/mid-way.bin', file, {
        onPart: (p) => {
          if (p.partNumber === 2) void appendFile(file, 'appended');
        },
      }),
    ).rejects.toMatchObject({ code: 'ERR_SOURCE_CHANGED' });
    expect(await client.listMultipartUploads({ prefix: 'src/mid-way' })).toEqual([]);
    await expect(client.head('src/mid-way.bin')).rejects.toMatchObject({ code: 'ERR_NOT_FOUND' });
  });
});

describe('spooling a stream of unknown size', () => {
  it('goes through a 0600 temporary file that is removed after the upload, and after a failed one', async () => {
    const spoolDir = join(env.dir, 'spool');
    await mkdir(spoolDir);
    const before = process.env['TMPDIR'];
    process.env['TMPDIR'] = spoolDir;
    try {
      const data = patternBytes(4 * PART + 9, 4);
      const client = env.client({ partSize: PART, multipartThreshold: PART, concurrency: 1, retry: { retries: 0 } });
      const seen: number[] = [];
      const r = await client.upload('src/spooled.bin', Readable.from([data.subarray(0, 7000), data.subarray(7000)]), {
        onPart: () =>
          void readdir(spoolDir).then(async (names) => {
            for (const n of names) seen.push((await stat(join(spoolDir, n))).mode & 0o777);
          }),
      });
      expect(r.parts).toBe(5);
      expect(seen.length).toBeGreaterThan(0);
      expect(new Set(seen)).toEqual(new Set([0o600]));
      expect(await readdir(spoolDir)).toEqual([]);
      expect(same((await client.get('src/spooled.bin')).body, data)).toBe(true);

      env.emulator.faults.failNext({ operation: 'UploadPart', status: 500 });
      await expect(client.upload('src/spool-fails.bin', Readable.from([data]))).rejects.toMatchObject({
        code: 'ERR_TRANSPORT',
      });
      expect(await readdir(spoolDir)).toEqual([]);
    } finally {
      if (before === undefined) delete process.env['TMPDIR'];
      else process.env['TMPDIR'] = before;
    }
  });
});
