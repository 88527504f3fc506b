import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chmod, mkdir, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator } from '../emulator.js';
import { ossClient, randomBytesBuffer } from '../../test/support/clients.js';
import { createDiskBlobStore } from './disk-blob-store.js';

let previousUmask: number;
const dirs: string[] = [];
beforeEach(() => {
  previousUmask = process.umask(0o022);
});
afterEach(async () => {
  process.umask(previousUmask);
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

/** `path → mode` (permission bits, octal) of every entry under `root`, root included. */
async function modes(root: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const walk = async (path: string, name: string): Promise<void> => {
    const s = await stat(path);
    out[name] = (s.mode & 0o777).toString(8);
    if (s.isDirectory()) for (const entry of await readdir(path)) await walk(join(path, entry), `${name}/${entry}`);
  };
  await walk(root, '.');
  return out;
}

describe('data directory permissions (umask 022)', () => {
  it.each([
    ['a new data dir', false],
    ['an existing world-readable data dir', true],
  ] as const)('%s: directories 0700, files 0600 (blobs, JSON records, STS key, KMS keys)', async (_, existing) => {
    const parent = await mkdtemp(join(tmpdir(), 'oss-cse-modes-'));
    dirs.push(parent);
    const dataDir = join(parent, 'data');
    if (existing) {
      await mkdir(dataDir);
      await chmod(dataDir, 0o755);
    }
    const emu = await startEmulator({ dataDir, buckets: ['modes-test'] });
    try {
      const client = ossClient(emu);
      await client.put('a/b.bin', randomBytesBuffer(1000));
      await client.copy('a/copy.bin', 'a/b.bin');
      const { uploadId } = await client.initMultipartUpload('a/mp.bin');
      await client.uploadPart('a/mp.bin', uploadId, 1, randomBytesBuffer(2000), 0, 2000);
      await client.putBucket('second-bucket');
      await emu.sts.assumeRole({ durationSeconds: 3600 });
      await emu.kms.createKey({ alias: 'alias/modes' });
    } finally {
      await emu.close();
    }
    const found = await modes(dataDir);
    const files = Object.entries(found).filter(([path]) => /\.json$|\/blobs\/[0-9a-f]{32}$/.test(path));
    expect(files.map(([path]) => path)).toEqual(
      expect.arrayContaining(['./meta/sts/sts-state.json', './meta/kms/kms-keys.json']),
    );
    expect(files.filter(([path]) => path.startsWith('./blobs/'))).toHaveLength(3);
    const wrong = Object.entries(found).filter(
      ([path, mode]) => mode !== (files.some(([f]) => f === path) ? '600' : '700'),
    );
    expect(wrong).toEqual([]);
  });

  it('a blob being written is a 0600 temp file', async () => {
    const dir = join(await mkdtemp(join(tmpdir(), 'oss-cse-modes-')), 'blobs');
    dirs.push(dir);
    const store = await createDiskBlobStore(dir);
    let tempMode = '';
    async function* body(): AsyncIterable<Uint8Array> {
      yield Buffer.from('first half');
      const temp = (await readdir(dir)).find((n) => n.startsWith('.tmp-'));
      tempMode = temp ? ((await stat(join(dir, temp))).mode & 0o777).toString(8) : 'none';
      yield Buffer.from('second half');
    }
    const info = await store.write(body());
    expect(tempMode).toBe('600');
    expect(((await stat(join(dir, info.id))).mode & 0o777).toString(8)).toBe('600');
    expect(((await stat(dir)).mode & 0o777).toString(8)).toBe('700');
  });
});
