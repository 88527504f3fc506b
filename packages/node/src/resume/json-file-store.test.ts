// Resume records as JSON files: 0600, replaced atomically (no temporary file left), named after their transfer,
// checked when read back; an unreadable or foreign record is discarded (removed, treated as absent), and a record
// holding anything but wrapped key material is never written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RECORD_VERSION, recordId, type DownloadRecord, type UploadRecord } from '@oss-cse/transfer';
import { jsonFileResumeStore } from './json-file-store.js';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'oss-cse-records-'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

const HASH = 'a'.repeat(64);

function download(key: string, parts: Record<string, string> = {}): DownloadRecord {
  return {
    version: RECORD_VERSION,
    kind: 'download',
    id: recordId('download', 'b', key, `/data/${key}`),
    bucket: 'b',
    key,
    etag: '"E"',
    size: 100,
    partSize: 16,
    destination: `/data/${key}`,
    parts,
    createdAt: 1,
    updatedAt: 2,
  };
}

function upload(key: string): UploadRecord {
  return {
    version: RECORD_VERSION,
    kind: 'upload',
    id: recordId('upload', 'b', key, `/src/${key}`),
    bucket: 'b',
    key,
    uploadId: 'U1',
    partSize: 102_400,
    dataSize: 300_000,
    source: { name: `/src/${key}`, size: 300_000, lastModified: 5 },
    sent: { 1: HASH },
    parts: [],
    material: {
      wrapAlg: 'RSA/NONE/PKCS1Padding',
      cekAlg: 'AES/CTR/NoPadding',
      encryptedKey: 'k',
      encryptedIv: 'i',
      matDesc: {},
      dataSize: 300_000,
      partSize: 102_400,
    },
    createdAt: 1,
    updatedAt: 2,
  } as UploadRecord;
}

describe('jsonFileResumeStore', () => {
  it('writes 0600 files atomically (no temporary file left), named after the transfer, and reads them back', async () => {
    const dir = join(root, 'a');
    const store = jsonFileResumeStore(dir);
    const record = download('k1');
    expect(await store.load(record.id)).toBeUndefined();
    await store.save(record);
    await store.save({ ...record, parts: { 1: '42' } });
    expect(await store.load(record.id)).toEqual({ ...record, parts: { 1: '42' } });
    const names = await readdir(dir);
    expect(names).toEqual([expect.stringMatching(/^download-[0-9a-f]{32}\.json$/)]);
    expect((await stat(join(dir, names[0]!))).mode & 0o777).toBe(0o600);
    await store.save(upload('k1'));
    const both = await readdir(dir);
    expect(both).toHaveLength(2);
    expect(both).toEqual(expect.arrayContaining([names[0], expect.stringMatching(/^upload-[0-9a-f]{32}\.json$/)]));
    expect((await store.list()).map((r) => r.kind).sort()).toEqual(['download', 'upload']);
  });

  it("an unreadable record (not JSON, another version, another transfer's id) is removed and treated as absent", async () => {
    const dir = join(root, 'b');
    const store = jsonFileResumeStore(dir);
    const record = download('k2');
    await store.save(record);
    const [name] = await readdir(dir);
    for (const bad of [
      '{"version":2,"kind":"downl',
      JSON.stringify({ ...record, version: 1 }),
      JSON.stringify({ ...record, id: recordId('download', 'b', 'other', '/x') }),
    ]) {
      await writeFile(join(dir, name!), bad);
      expect(await store.load(record.id)).toBeUndefined();
      expect(await readdir(dir)).toEqual([]);
    }
    await writeFile(join(dir, name!), '[]');
    expect(await store.list()).toEqual([]);
    expect(await readdir(dir)).toEqual([]);
  });

  it('never writes a record carrying more than wrapped key material', async () => {
    const dir = join(root, 'c');
    const store = jsonFileResumeStore(dir);
    const leaky = upload('k3');
    await expect(
      store.save({ ...leaky, material: { ...leaky.material, plaintextKey: 'secret' } as never }),
    ).rejects.toMatchObject({ code: 'ERR_CHECKPOINT' });
    expect(await readdir(dir).catch(() => [])).toEqual([]);
  });

  it('delete removes the record and the temporary files of a writer killed mid-write, nothing else', async () => {
    const dir = join(root, 'd');
    const store = jsonFileResumeStore(dir);
    const record = download('k4');
    await store.save(record);
    const [name] = await readdir(dir);
    await writeFile(join(dir, `${name}.abc123.tmp`), '{"half');
    await writeFile(join(dir, 'other.json.abc.tmp'), 'not ours');
    await store.delete(record.id);
    expect(await readdir(dir)).toEqual(['other.json.abc.tmp']);
  });
});
