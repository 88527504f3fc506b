// Reads pinned to one object version (Chromium, emulator, ali-oss transport): every GET of a stream or a download
// carries If-Match with the ETag seen first, so an object overwritten mid-read fails with ERR_SOURCE_CHANGED instead
// of mixing versions.
import { describe, expect, it } from 'vitest';
import { RsaMasterKey, generateRsaKeyPair } from '@oss-cse/core';
import { pseudoRandom } from '../../../transfer/test/support/index.js';
import { emulatorClient, testPrefix } from '../../test/emulator-client.js';

const masterKey = await RsaMasterKey.import({ privateKey: (await generateRsaKeyPair()).privateKey });
const SIZE = 200_000;
const CHUNK = 16_384;

describe('reads pin every range to the first ETag', () => {
  it('a stream of an object overwritten after the first range fails with ERR_SOURCE_CHANGED and delivers no byte of the new object', async () => {
    const { client, gets } = emulatorClient(masterKey);
    const key = `${testPrefix('pinned')}stream.bin`;
    const original = pseudoRandom(SIZE, 11);
    await client.upload(key, new Blob([original as BlobPart]));
    const etag = (await client.head(key)).etag;
    gets.length = 0;

    const reader = (await client.getStream(key, { chunkSize: CHUNK })).body.getReader();
    const first = await reader.read();
    expect(first.value).toEqual(original.subarray(0, CHUNK));
    await client.upload(key, new Blob([pseudoRandom(SIZE, 12) as BlobPart]));

    const delivered: Uint8Array[] = [first.value!];
    const failure = await (async () => {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return undefined;
        delivered.push(value);
      }
    })().catch((e: unknown) => e);
    expect(failure).toMatchObject({ code: 'ERR_SOURCE_CHANGED' });
    const got = new Uint8Array(await new Blob(delivered as BlobPart[]).arrayBuffer());
    expect(got.length).toBeLessThan(SIZE);
    expect(got).toEqual(original.subarray(0, got.length));
    expect(gets.length).toBeGreaterThanOrEqual(2);
    for (const g of gets) expect(g.ifMatch).toBe(etag);
    client.close();
  });

  it('a whole download and a suffix range of an unchanged object are pinned and succeed', async () => {
    const { client, gets } = emulatorClient(masterKey);
    const key = `${testPrefix('pinned')}whole.bin`;
    const plain = pseudoRandom(SIZE, 13);
    await client.upload(key, new Blob([plain as BlobPart]));
    const etag = (await client.head(key)).etag;
    gets.length = 0;
    expect(new Uint8Array(await (await client.downloadBlob(key, { partSize: CHUNK })).arrayBuffer())).toEqual(plain);
    expect((await client.get(key, { range: '-100' })).body).toEqual(plain.subarray(SIZE - 100));
    expect(gets.length).toBe(Math.ceil(SIZE / CHUNK) + 1);
    for (const g of gets) expect(g.ifMatch).toBe(etag);
    client.close();
  });
});
