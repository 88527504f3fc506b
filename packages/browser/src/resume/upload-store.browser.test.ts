import { describe, expect, it } from 'vitest';
import { UploadStore, type PendingUpload } from './upload-store.js';

const material = { wrapAlg: 'RSA/NONE/PKCS1Padding', cekAlg: 'AES/CTR/NoPadding', encryptedKey: 'a2V5', encryptedIv: 'aXY=', matDesc: null, dataSize: 300_000, partSize: 102_400 } as const;
const record = (id: string): PendingUpload => ({
  id, bucket: 'b', key: id, uploadId: 'U1', partSize: 102_400, dataSize: 300_000, material,
  fingerprint: { name: 'f.bin', size: 300_000, lastModified: 1, hash: 'ab' }, parts: [], createdAt: 1, updatedAt: 1,
});

describe('UploadStore (IndexedDB)', () => {
  it('stores records, adds sent and finished parts concurrently in order, lists and deletes', async () => {
    const name = `test-${crypto.randomUUID()}`;
    const store = new UploadStore(name);
    await store.put(record('a'));
    await store.put(record('b'));
    await Promise.all([3, 1, 2].flatMap((n) => [
      store.markSent('a', { partNumber: n, sha256: `h${n}` }),
      store.addPart('a', { partNumber: n, etag: `"E${n}"`, crc64: String(n), size: 102_400 }),
    ]));
    await store.markSent('a', { partNumber: 4, sha256: 'h4' });
    await store.markSent('gone', { partNumber: 1, sha256: 'h1' });
    const a = await store.get('a');
    expect(a?.parts.map((p) => p.partNumber)).toEqual([1, 2, 3]);
    expect(a?.sent).toEqual([1, 2, 3, 4].map((n) => ({ partNumber: n, sha256: `h${n}` })));
    expect(await store.get('gone')).toBeUndefined();
    expect(a?.material).toEqual(material);
    expect((await store.list()).map((r) => r.id).sort()).toEqual(['a', 'b']);
    await store.delete('a');
    expect(await store.get('a')).toBeUndefined();
    // A fresh store object (as after a page reload) reads the same database.
    expect((await new UploadStore(name).list()).map((r) => r.id)).toEqual(['b']);
  });

  it('refuses to persist anything but wrapped material', async () => {
    const store = new UploadStore(`test-${crypto.randomUUID()}`);
    const bad = { ...record('x'), material: { ...material, dataKey: 'secret' } } as unknown as PendingUpload;
    expect(() => store.put(bad)).toThrow(/refusing to persist unknown material field "dataKey"/);
  });
});
