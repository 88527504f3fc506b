import { describe, expect, it } from 'vitest';
import { toHex } from '@oss-cse/core';
import { pseudoRandom } from '../test-support/memory-transport.js';
import { sentPartsUnchanged } from './sent-parts.js';
import type { PendingUpload } from './upload-store.js';

const PART = 102_400;
const digest = async (blobs: Blob[]) => toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', await new Blob(blobs).arrayBuffer())));
const plain = pseudoRandom(PART * 3 + 50, 40);
const file = new Blob([plain as BlobPart]);
const hashOf = (n: number) => digest([file.slice((n - 1) * PART, n * PART)]);
const finished = (partNumber: number) => ({ partNumber, etag: `"E${partNumber}"`, crc64: '1', size: PART });

function record(fields: Partial<PendingUpload>): PendingUpload {
  return {
    id: 'r', bucket: 'b', key: 'k', uploadId: 'U', partSize: PART, dataSize: file.size,
    material: { wrapAlg: 'RSA/NONE/PKCS1Padding', cekAlg: 'AES/CTR/NoPadding', encryptedKey: 'a2V5', encryptedIv: 'aXY=', matDesc: null, dataSize: file.size, partSize: PART },
    fingerprint: { name: '', size: file.size, lastModified: 0, hash: '' }, parts: [], createdAt: 1, updatedAt: 1, ...fields,
  };
}

describe('sentPartsUnchanged', () => {
  it('passes when every sent part (finished or in flight) has its recorded hash', async () => {
    const sent = [{ partNumber: 1, sha256: await hashOf(1) }, { partNumber: 4, sha256: await hashOf(4) }];
    expect(await sentPartsUnchanged(file, record({ parts: [finished(1)], sent }), digest)).toBe(true);
    expect(await sentPartsUnchanged(file, record({ sent: [] }), digest)).toBe(true);
  });

  it('fails on a changed sent part, on a finished part without a hash, and on a record of an older version', async () => {
    const edited = plain.slice();
    edited[3 * PART + 7] = edited[3 * PART + 7]! ^ 1;
    const sent = [{ partNumber: 4, sha256: await hashOf(4) }];
    expect(await sentPartsUnchanged(new Blob([edited as BlobPart]), record({ sent }), digest)).toBe(false);
    expect(await sentPartsUnchanged(file, record({ parts: [finished(1), finished(4)], sent }), digest)).toBe(false);
    expect(await sentPartsUnchanged(file, record({}), digest)).toBe(false);
  });
});
