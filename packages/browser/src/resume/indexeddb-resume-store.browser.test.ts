// The IndexedDB resume store (Chromium): the engine's records survive a new store object (a page reload); records
// of the old shape, of another version, or with anything but wrapped key material are never returned and are
// deleted when met; a database of the old version is upgraded, keeping its stored keys.
import { describe, expect, it } from 'vitest';
import { RECORD_VERSION, type DownloadRecord, type UploadRecord } from '@oss-cse/transfer';
import { indexedDbResumeStore } from './indexeddb-resume-store.js';
import { KEYS_STORE, openDatabase, run, TRANSFERS_STORE } from './idb.js';

const material = {
  wrapAlg: 'RSA/NONE/PKCS1Padding',
  cekAlg: 'AES/CTR/NoPadding',
  encryptedKey: 'a2V5',
  encryptedIv: 'aXY=',
  matDesc: null,
  dataSize: 300_000,
  partSize: 102_400,
} as const;
const upload = (key: string): UploadRecord => ({
  version: RECORD_VERSION,
  kind: 'upload',
  id: `upload\nb\n${key}\nf.bin`,
  bucket: 'b',
  key,
  uploadId: 'U1',
  partSize: 102_400,
  dataSize: 300_000,
  material,
  source: { name: 'f.bin', size: 300_000, lastModified: 1 },
  sent: { 1: 'a'.repeat(64) },
  parts: [],
  createdAt: 1,
  updatedAt: 1,
});
const download: DownloadRecord = {
  version: RECORD_VERSION,
  kind: 'download',
  id: 'download\nb\nd\nmemory',
  bucket: 'b',
  key: 'd',
  etag: '"E"',
  size: 10,
  partSize: 16,
  destination: 'memory',
  parts: { 1: '42' },
  createdAt: 1,
  updatedAt: 1,
};
/** A record as the browser client of the previous version stored it (no version, fingerprint and array `sent`). */
const oldShape = {
  id: 'http://localhost:9000/b/old.bin',
  bucket: 'b',
  key: 'old.bin',
  uploadId: 'U0',
  partSize: 102_400,
  dataSize: 300_000,
  material,
  fingerprint: { name: 'f.bin', size: 300_000, lastModified: 1, hash: 'ab' },
  parts: [],
  sent: [],
  createdAt: 1,
  updatedAt: 1,
};

async function putRaw(database: string, value: object): Promise<void> {
  const db = await openDatabase(database);
  await run(db, TRANSFERS_STORE, 'readwrite', (s) => s.put(value));
  db.close();
}

async function rawIds(database: string): Promise<IDBValidKey[]> {
  const db = await openDatabase(database);
  const ids = await run(db, TRANSFERS_STORE, 'readonly', (s) => s.getAllKeys());
  db.close();
  return ids;
}

describe('indexedDbResumeStore', () => {
  it('saves, loads, lists and deletes records of the engine shape; a new store object reads the same database', async () => {
    const database = `test-${crypto.randomUUID()}`;
    const store = indexedDbResumeStore({ database });
    await store.save(upload('a'));
    await store.save(download);
    await store.save({
      ...upload('a'),
      parts: [{ partNumber: 1, etag: '"P1"', crc64: '7', size: 102_400, sha256: 'a'.repeat(64) }],
    });
    expect((await store.load(upload('a').id)) as UploadRecord).toMatchObject({ parts: [{ partNumber: 1 }] });
    expect((await store.list()).map((r) => r.kind).sort()).toEqual(['download', 'upload']);
    await store.delete(download.id);
    expect((await indexedDbResumeStore({ database }).list()).map((r) => r.id)).toEqual([upload('a').id]);
    expect(await store.load('nothing')).toBeUndefined();
  });

  it('records of the old shape or another version are ignored and deleted; leaky material is refused on save', async () => {
    const database = `test-${crypto.randomUUID()}`;
    const store = indexedDbResumeStore({ database });
    await store.save(upload('kept'));
    await putRaw(database, oldShape);
    await putRaw(database, { ...upload('v1'), version: 1 });
    expect(await store.load(oldShape.id)).toBeUndefined();
    expect((await store.list()).map((r) => r.key)).toEqual(['kept']);
    expect(await rawIds(database)).toEqual([upload('kept').id]);
    const leaky = { ...upload('leak'), material: { ...material, dataKey: 'c2VjcmV0' } } as unknown as UploadRecord;
    await expect(store.save(leaky)).rejects.toMatchObject({ code: 'ERR_CHECKPOINT' });
    expect(await rawIds(database)).toEqual([upload('kept').id]);
  });

  it('a database of the previous version is upgraded: its upload records are dropped, its stored keys kept', async () => {
    const database = `test-${crypto.randomUUID()}`;
    await new Promise<void>((resolve, reject) => {
      const req = indexedDB.open(database, 1);
      req.onupgradeneeded = () => {
        req.result.createObjectStore('uploads', { keyPath: 'id' }).put(oldShape);
        req.result.createObjectStore(KEYS_STORE, { keyPath: 'name' }).put({ name: 'k', description: {} });
      };
      req.onsuccess = () => {
        req.result.close();
        resolve();
      };
      req.onerror = () => reject(req.error);
    });
    expect(await indexedDbResumeStore({ database }).list()).toEqual([]);
    const db = await openDatabase(database);
    expect([...db.objectStoreNames].sort()).toEqual([KEYS_STORE, TRANSFERS_STORE]);
    expect(await run(db, KEYS_STORE, 'readonly', (s) => s.get('k'))).toEqual({ name: 'k', description: {} });
    db.close();
  });
});
