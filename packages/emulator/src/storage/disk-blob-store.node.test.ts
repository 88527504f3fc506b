import { afterEach, describe, expect, it } from 'vitest';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDiskBlobStore } from './disk-blob-store.js';
import { crc64 } from '@oss-cse/core';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

describe('disk blob store', () => {
  it('streams a large body to disk without holding it in memory', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'oss-cse-blobs-'));
    dirs.push(dir);
    const store = await createDiskBlobStore(dir);
    const chunk = Buffer.alloc(1024 * 1024, 0x5a);
    const chunks = 64;
    let onDiskMidway = 0;
    async function* body(): AsyncIterable<Uint8Array> {
      for (let i = 0; i < chunks; i++) {
        if (i === chunks / 2) {
          // Half-way through the body, the bytes so far must already be in the temp file.
          const temp = (await readdir(dir)).find((n) => n.startsWith('.tmp-'));
          onDiskMidway = temp ? (await stat(join(dir, temp))).size : 0;
        }
        yield chunk;
      }
    }
    const info = await store.write(body());
    expect(info.size).toBe(chunks * chunk.length);
    expect((await stat(join(dir, info.id))).size).toBe(chunks * chunk.length);
    expect(onDiskMidway).toBeGreaterThanOrEqual((chunks / 2 - 1) * chunk.length);
    expect(await readdir(dir)).toEqual([info.id]);
    let read = 0;
    for await (const part of store.read(info.id, 1000, 1000 + 5 * 1024 * 1024)) read += part.length;
    expect(read).toBe(5 * 1024 * 1024);
  });

  it('commits atomically: a failing body leaves neither a blob nor a temp file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'oss-cse-blobs-'));
    dirs.push(dir);
    const store = await createDiskBlobStore(dir);
    async function* failing(): AsyncIterable<Uint8Array> {
      yield Buffer.from('partial');
      throw new Error('connection reset');
    }
    await expect(store.write(failing())).rejects.toThrow('connection reset');
    expect(await readdir(dir)).toEqual([]);
    const ok = await store.write(
      (async function* () {
        yield Buffer.from('123456789');
      })(),
    );
    expect(ok.crc64).toBe(crc64(Buffer.from('123456789')));
    const copy = await store.duplicate(ok.id);
    expect((await readdir(dir)).sort()).toEqual([ok.id, copy].sort());
  });
});
