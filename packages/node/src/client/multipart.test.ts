// Low-level crypto multipart: parts in any order and concurrently, list, complete, abort, resume by material.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyringOf, patternBytes, startTestEnv, testKeys, type TestEnv, same } from '../../test/setup.js';
import type { NodeClient } from '../index.js';

const PART = 100 * 1024 + 16;
let env: TestEnv;
let client: NodeClient;

beforeAll(async () => {
  env = await startTestEnv(await keyringOf((await testKeys()).main.private_key_pkcs1_pem));
  client = env.client();
});
afterAll(() => env.close());

describe('low-level multipart', () => {
  it('uploads parts out of order and concurrently, lists them, completes with the CRC checked', async () => {
    const data = patternBytes(4 * PART + 99, 71);
    const upload = await client.initiateMultipartUpload('mp.bin', {
      dataSize: data.length,
      partSize: PART,
      metadata: { tag: 'x' },
    });
    expect(upload.plan.partCount).toBe(5);
    const slice = (n: number) => {
      const { offset, length } = upload.plan.part(n);
      return data.subarray(offset, offset + length);
    };
    const parts = await Promise.all([5, 3, 1, 4, 2].map((n) => upload.uploadPart(n, slice(n))));
    expect((await upload.listParts()).map((p) => p.partNumber)).toEqual([1, 2, 3, 4, 5]);
    await expect(upload.uploadPart(2, slice(2))).rejects.toMatchObject({ code: 'ERR_COUNTER_REUSE' });
    await expect(upload.complete(parts.slice(1))).rejects.toMatchObject({ code: 'ERR_INVALID_ARGUMENT' });
    const done = await upload.complete(parts);
    const got = await client.get('mp.bin');
    expect(same(got.body, data)).toBe(true);
    expect(got.info.crc64).toBe(done.crc64);
    expect(got.info.metadata).toEqual({ tag: 'x' });
    expect(got.info.envelope).toMatchObject({ dataSize: data.length, partSize: PART });
  });

  it('resumes from its material in another client, and abort leaves nothing behind', async () => {
    const data = patternBytes(3 * PART, 72);
    const first = await client.initiateMultipartUpload('mp2.bin', { dataSize: data.length, partSize: PART });
    const p1 = await first.uploadPart(1, data.subarray(0, PART));
    const other = env.client();
    const resumed = await other.resumeMultipartUpload(
      'mp2.bin',
      first.uploadId,
      JSON.parse(JSON.stringify(first.material)),
    );
    const p2 = await resumed.uploadPart(2, data.subarray(PART, 2 * PART));
    const p3 = await resumed.uploadPart(3, data.subarray(2 * PART));
    await resumed.complete([p1, p2, p3]);
    expect(same((await client.get('mp2.bin')).body, data)).toBe(true);

    const doomed = await client.initiateMultipartUpload('mp3.bin', { dataSize: data.length, partSize: PART });
    await doomed.uploadPart(1, data.subarray(0, PART));
    expect(await client.listMultipartUploads({ prefix: 'mp3' })).toHaveLength(1);
    await doomed.abort();
    await doomed.abort(); // already gone: still fine
    expect(await client.listMultipartUploads({ prefix: 'mp3' })).toEqual([]);
    await expect(doomed.uploadPart(2, data.subarray(PART, 2 * PART))).rejects.toMatchObject({ code: 'ERR_NOT_FOUND' });
  });

  it('refuses part sizes the format forbids', async () => {
    await expect(
      client.initiateMultipartUpload('bad', { dataSize: 10 * PART, partSize: PART + 1 }),
    ).rejects.toMatchObject({ code: 'ERR_INVALID_PART_SIZE' });
    await expect(client.initiateMultipartUpload('bad', { dataSize: 10 * PART, partSize: 1024 })).rejects.toMatchObject({
      code: 'ERR_INVALID_PART_SIZE',
    });
  });
});
