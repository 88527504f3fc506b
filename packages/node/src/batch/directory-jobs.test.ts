// uploadDirectory reads a small file with open, one read and close (FileHandle reads counted), and still reproduces
// it exactly, empty files included.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateRsaKeyPair, RsaMasterKey } from '@oss-cse/core';
import { MemoryTransport } from '../../../transfer/test/support/index.js';
import { createClient } from '../client/node-client.js';

const reads = { count: 0 };
vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>();
  const open: typeof real.open = async (...args) => {
    const handle = await real.open(...args);
    const read = handle.read.bind(handle) as (...a: unknown[]) => ReturnType<typeof handle.read>;
    (handle as { read: unknown }).read = (...a: unknown[]) => {
      reads.count++;
      return read(...a);
    };
    return handle;
  };
  return { ...real, open };
});

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'oss-cse-small-reads-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('uploadDirectory of small files', () => {
  it('reads each file with one read, and uploads exactly its bytes', async () => {
    const tree = join(dir, 'tree');
    await mkdir(join(tree, 'd'), { recursive: true });
    const files: Record<string, Uint8Array> = {
      'a.bin': crypto.getRandomValues(new Uint8Array(4096)),
      'd/b.bin': crypto.getRandomValues(new Uint8Array(1)),
      'd/empty': new Uint8Array(0),
    };
    for (const [rel, bytes] of Object.entries(files)) await writeFile(join(tree, rel), bytes);
    const transport = new MemoryTransport();
    const keyring = await RsaMasterKey.import({ privateKey: (await generateRsaKeyPair()).privateKey });
    const credentials = { accessKeyId: 'AKID', accessKeySecret: 'secret' };
    const client = createClient({ keyring, bucket: transport.bucket, transport, credentials });
    reads.count = 0;
    const summary = await client.uploadDirectory(tree, 'up/');
    expect(summary.counts.uploaded).toBe(3);
    expect(reads.count).toBe(3);
    for (const [rel, bytes] of Object.entries(files)) expect((await client.get(`up/${rel}`)).body).toEqual(bytes);
  });
});
