import { afterAll, describe, expect, it } from 'vitest';
import { parseEnvelope, unwrapEnvelope } from '@oss-cse/core';
import { createFetchTransport, createClient } from '@oss-cse/transfer';
import { pseudoRandom, testMasterKey } from '../../../transfer/test/support/index.js';
import { startEmulator } from '../../../emulator/src/index.js';
import { decodeShareFragment, encodeShareFragment, type SharedObject } from './share-fragment.js';
import { sharedObjectReader } from './shared-reader.js';

// A share link's reader against the emulator: the presigned URL only (no credentials), ranges across parts, the
// whole object verified, refusal of a re-encrypted object, a clear error once the URL has expired, and no write.
const emulator = await startEmulator({ port: 0 });
afterAll(() => emulator.close());
const connection = { bucket: emulator.buckets[0]!, endpoint: emulator.ossEndpoint, region: emulator.region };
const credentials = { accessKeyId: emulator.accessKeyId, accessKeySecret: emulator.accessKeySecret };
const masterKey = await testMasterKey();
const owner = createClient({ ...connection, keyring: masterKey, credentials, partSize: 102_400 });
const SIZE = 3 * 102_400 + 77;
const plain = pseudoRandom(SIZE, 3);

/** What client.share puts in a link (BrowserClient.share does the same with the client's context). */
async function share(key: string, expiresIn: number): Promise<SharedObject> {
  const transport = createFetchTransport(connection);
  const headers = await transport.headObject(key, { credentials });
  const { cek, iv } = await unwrapEnvelope({ keyring: masterKey, envelope: parseEnvelope(headers)! });
  const url = await transport.presignGetObject(key, { expiresIn, credentials });
  const link = { url, bucket: connection.bucket, key, dataKey: cek, iv, expiresAt: Date.now() + expiresIn * 1000 };
  return decodeShareFragment(
    encodeShareFragment({ ...link, contentType: 'video/mp4', crc64: headers['x-oss-hash-crc64ecma']! }),
  );
}

const read = async (body: ReadableStream<Uint8Array>) => new Uint8Array(await new Response(body).arrayBuffer());

describe('sharedObjectReader', () => {
  it('reads ranges across parts and the whole object with the link alone', async () => {
    await owner.upload('shared/a.bin', new Blob([plain as BlobPart]));
    const reader = sharedObjectReader(await share('shared/a.bin', 600), { streamChunkSize: 65_536 });
    for (const [range, start, end] of [
      ['102390-102420', 102_390, 102_420],
      [`${SIZE - 1}-`, SIZE - 1, SIZE - 1],
      ['-100', SIZE - 100, SIZE - 1],
    ] as const) {
      const r = await reader.getStream('shared/a.bin', { range });
      expect(r.range).toEqual({ start, end, total: SIZE });
      expect(await read(r.body)).toEqual(plain.subarray(start, end + 1));
    }
    expect(await read((await reader.getStream('shared/a.bin')).body)).toEqual(plain);
    expect((await reader.head('shared/a.bin')).size).toBe(SIZE);
    await expect(reader.put('shared/a.bin', 'x')).rejects.toMatchObject({ code: 'ERR_PUBLIC_KEY_ONLY' });
    await expect(reader.delete('shared/a.bin')).rejects.toMatchObject({ code: 'ERR_ACCESS_DENIED' });
    expect(await read((await owner.getStream('shared/a.bin')).body)).toEqual(plain);
    await expect(reader.getStream('shared/other.bin')).rejects.toMatchObject({ code: 'ERR_INVALID_ARGUMENT' });
  });

  it('refuses an object re-encrypted after the link was made (never garbage), and keeps reading after a rewrap', async () => {
    await owner.put('shared/b.bin', plain);
    const shared = await share('shared/b.bin', 600);
    await owner.rewrap('shared/b.bin', { to: await testMasterKey() });
    expect(await read((await sharedObjectReader(shared).getStream('shared/b.bin')).body)).toEqual(plain);
    await owner.put('shared/b.bin', plain);
    await expect(sharedObjectReader(shared).getStream('shared/b.bin', { range: '0-9' })).rejects.toMatchObject({
      code: 'ERR_SOURCE_CHANGED',
      message: expect.stringContaining('re-encrypted or replaced'),
    });
  });

  it('fails with ERR_ACCESS_DENIED once the presigned URL expired, and no error carries the signature', async () => {
    await owner.put('shared/c.bin', plain);
    const shared = await share('shared/c.bin', 60);
    emulator.clock.shift(120_000);
    try {
      const e = await sharedObjectReader(shared, {})
        .getStream('shared/c.bin', { range: '0-9', retry: { retries: 0 } })
        .then(
          () => new Error('read'),
          (x: unknown) => x as Error,
        );
      expect(e).toMatchObject({ code: 'ERR_ACCESS_DENIED' });
      const signature = new URL(shared.url).searchParams.get('x-oss-signature')!;
      expect(signature.length).toBeGreaterThan(10);
      expect(`${e.message} ${JSON.stringify(e)}`).not.toContain(signature);
    } finally {
      emulator.clock.reset();
    }
  });
});
