// Reads pinned to one object version (Chromium, emulator): every GET of a stream carries If-Match with the ETag
// seen first, so an object overwritten mid-read fails with ERR_SOURCE_CHANGED instead of mixing versions.
import { describe, expect, it } from 'vitest';
import { RsaMasterKey, generateRsaKeyPair } from '@oss-cse/core';
import { emulatorClient } from '../test-support/emulator-client.js';
import { pseudoRandom } from '../test-support/memory-transport.js';

const masterKey = await RsaMasterKey.import({ privateKey: (await generateRsaKeyPair()).privateKey });
const SIZE = 200_000;
const CHUNK = 16_384;

describe('downloadStream pins every range to the first ETag', () => {
  it('an object overwritten after the first range fails with ERR_SOURCE_CHANGED and delivers no byte of the new object', async () => {
    const { client, gets } = emulatorClient(masterKey);
    const key = `pinned/stream-${crypto.randomUUID()}.bin`;
    const original = pseudoRandom(SIZE, 11);
    await client.upload(new Blob([original as BlobPart]), key);
    const etag = (await client.head(key)).etag;
    gets.length = 0;

    const reader = (await client.downloadStream(key, { chunkSize: CHUNK })).getReader();
    const first = await reader.read();
    expect(first.value).toEqual(original.subarray(0, CHUNK));
    await client.upload(new Blob([pseudoRandom(SIZE, 12) as BlobPart]), key);

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
    const key = `pinned/whole-${crypto.randomUUID()}.bin`;
    const plain = pseudoRandom(SIZE, 13);
    await client.upload(new Blob([plain as BlobPart]), key);
    const etag = (await client.head(key)).etag;
    gets.length = 0;
    expect(new Uint8Array(await (await client.download(key, { chunkSize: CHUNK })).arrayBuffer())).toEqual(plain);
    expect(await client.getRange(key, '-100')).toEqual(plain.subarray(SIZE - 100));
    expect(gets.length).toBe(Math.ceil(SIZE / CHUNK) + 1);
    for (const g of gets) expect(g.ifMatch).toBe(etag);
    client.close();
  });
});
