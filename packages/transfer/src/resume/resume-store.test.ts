// What a resume store accepts: records of this version whose key material is wrapped only. A record carrying any
// other material field (a plaintext data key, say) is refused when saved and when read back.
import { describe, expect, it } from 'vitest';
import { checkRecord, memoryResumeStore } from './resume-store.js';
import { RECORD_VERSION, type UploadRecord } from './records.js';

const material = {
  wrapAlg: 'RSA/NONE/PKCS1Padding',
  cekAlg: 'AES/CTR/NoPadding',
  encryptedKey: 'a2V5',
  encryptedIv: 'aXY=',
  matDesc: null,
  dataSize: 300_000,
  partSize: 102_400,
} as const;
const record: UploadRecord = {
  version: RECORD_VERSION,
  kind: 'upload',
  id: 'upload\nb\nk\nf.bin',
  bucket: 'b',
  key: 'k',
  uploadId: 'U1',
  partSize: 102_400,
  dataSize: 300_000,
  material,
  source: { name: 'f.bin', size: 300_000, lastModified: 1 },
  sent: { 1: 'a'.repeat(64) },
  parts: [],
  createdAt: 1,
  updatedAt: 1,
};

describe('resume records', () => {
  it('a record with wrapped material only round-trips through the memory store', async () => {
    const store = memoryResumeStore();
    await store.save(record);
    expect(await store.load(record.id)).toEqual(record);
    expect(await store.list()).toEqual([record]);
  });

  it('material with any other field is refused on save and on read (ERR_CHECKPOINT naming the field, never its value)', async () => {
    const leaky = { ...record, material: { ...material, dataKey: 'c2VjcmV0LWtleQ==' } } as unknown as UploadRecord;
    const store = memoryResumeStore();
    await expect(store.save(leaky)).rejects.toMatchObject({
      code: 'ERR_CHECKPOINT',
      message: expect.stringContaining('dataKey'),
    });
    expect(await store.list()).toEqual([]);
    const e = (() => {
      try {
        checkRecord(JSON.parse(JSON.stringify(leaky)));
      } catch (err) {
        return err as Error;
      }
      return undefined;
    })();
    expect(e).toMatchObject({ code: 'ERR_CHECKPOINT' });
    expect(e!.message).not.toContain('c2VjcmV0LWtleQ==');
  });
});
