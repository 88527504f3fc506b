// Plaintext integrity (Chromium, emulator): single PutObject uploads record unencrypted-content-md5/-length by
// default and full reads check them; multipart records them only with `computeMd5`.
import { describe, expect, it } from 'vitest';
import { RsaMasterKey, V2_HEADERS, generateRsaKeyPair, md5Base64 } from '@oss-cse/core';
import { emulatorClient, type EmulatorClient } from '../test-support/emulator-client.js';
import { pseudoRandom } from '../test-support/memory-transport.js';

const masterKey = await RsaMasterKey.import({ privateKey: (await generateRsaKeyPair()).privateKey });
const PART = 102_400;

/** Rewrites the stored ciphertext with one byte flipped at `at`, keeping the CSE headers. */
async function flipStoredByte(e: EmulatorClient, key: string, at: number): Promise<void> {
  const { bytes, headers } = await e.client.stored(key);
  const cse = Object.fromEntries(Object.entries(headers).filter(([name]) => name.startsWith('x-oss-meta-client-side-encryption-')));
  const tampered = bytes.slice();
  tampered[at] = tampered[at]! ^ 0x01;
  await e.transport.put(key, tampered, cse, e.request);
}

describe('plaintext integrity', () => {
  it('a single PUT records the plaintext MD5 and length; a tampered object fails a full read, ranged reads are unaffected', async () => {
    const e = emulatorClient(masterKey);
    const key = `integrity/put-${crypto.randomUUID()}.bin`;
    const plain = pseudoRandom(50_000, 21);
    expect((await e.client.upload(new Blob([plain as BlobPart]), key)).multipart).toBe(false);
    const info = await e.client.head(key);
    expect(info.headers[V2_HEADERS.unencryptedContentMd5]).toBe(await md5Base64(plain));
    expect(info.headers[V2_HEADERS.unencryptedContentLength]).toBe(String(plain.length));
    expect(new Uint8Array(await (await e.client.download(key)).arrayBuffer())).toEqual(plain);

    await flipStoredByte(e, key, 1000);
    await expect(e.client.download(key)).rejects.toMatchObject({ code: 'ERR_INTEGRITY' });
    expect(await e.client.getRange(key, '0-999')).toEqual(plain.subarray(0, 1000));
    const flipped = await e.client.getRange(key, '990-1010');
    expect(flipped[10]).toBe(plain[1000]! ^ 0x01);
    e.client.close();
  });

  it('multipart records them only when asked (computeMd5), then full reads are checked', async () => {
    const e = emulatorClient(masterKey);
    const plain = pseudoRandom(PART * 3 + 77, 22);
    const plainKey = `integrity/mp-default-${crypto.randomUUID()}.bin`;
    expect((await e.client.upload(new Blob([plain as BlobPart]), plainKey, { partSize: PART })).multipart).toBe(true);
    expect((await e.client.head(plainKey)).envelope?.unencryptedContentMd5).toBeNull();

    const key = `integrity/mp-md5-${crypto.randomUUID()}.bin`;
    expect((await e.client.upload(new Blob([plain as BlobPart]), key, { partSize: PART, computeMd5: true })).multipart).toBe(true);
    const info = await e.client.head(key);
    expect(info.envelope?.unencryptedContentMd5).toBe(await md5Base64(plain));
    expect(info.envelope?.unencryptedContentLength).toBe(plain.length);
    expect(new Uint8Array(await (await e.client.download(key)).arrayBuffer())).toEqual(plain);
    await flipStoredByte(e, key, PART + 5);
    await expect(e.client.download(key)).rejects.toMatchObject({ code: 'ERR_INTEGRITY' });
    e.client.close();
  });

  it('a single PUT can opt out (computeMd5: false)', async () => {
    const e = emulatorClient(masterKey);
    const key = `integrity/put-off-${crypto.randomUUID()}.bin`;
    await e.client.upload(new Blob([pseudoRandom(1000, 23) as BlobPart]), key, { computeMd5: false });
    expect((await e.client.head(key)).envelope?.unencryptedContentMd5).toBeNull();
    e.client.close();
  });
});
