// Plaintext integrity (Chromium, emulator, ali-oss transport): single PutObject uploads record
// unencrypted-content-md5/-length by default and full reads check them; multipart records them only with
// `computeMd5`; `computeMd5: false` on a single PUT records the length only.
import { describe, expect, it } from 'vitest';
import { RsaMasterKey, generateRsaKeyPair, md5Base64, readAll } from '@oss-cse/core';
import { pseudoRandom } from '../../../transfer/test/support/index.js';
import { emulatorClient, testPrefix, type EmulatorClient } from '../../test/emulator-client.js';

const masterKey = await RsaMasterKey.import({ privateKey: (await generateRsaKeyPair()).privateKey });
const PART = 102_400;

/** Rewrites the stored ciphertext with one byte flipped at `at`, keeping the CSE headers. */
async function flipStoredByte(e: EmulatorClient, key: string, at: number): Promise<void> {
  const { bytes, headers } = await e.client.stored(key);
  const cse = Object.fromEntries(
    Object.entries(headers).filter(([name]) => name.startsWith('x-oss-meta-client-side-encryption-')),
  );
  const tampered = bytes.slice();
  tampered[at] = tampered[at]! ^ 0x01;
  await e.transport.putObject(key, tampered, cse, e.request);
}

describe('plaintext integrity', () => {
  it('a single PUT records the plaintext MD5 and length; a tampered object fails a full read, ranged reads are unaffected', async () => {
    const e = emulatorClient(masterKey);
    const key = `${testPrefix('integrity')}put.bin`;
    const plain = pseudoRandom(50_000, 21);
    expect((await e.client.upload(key, new Blob([plain as BlobPart]))).parts).toBe(0);
    const info = await e.client.head(key);
    expect(info.envelope).toMatchObject({
      unencryptedContentMd5: await md5Base64(plain),
      unencryptedContentLength: plain.length,
    });
    expect(new Uint8Array(await (await e.client.downloadBlob(key)).arrayBuffer())).toEqual(plain);

    await flipStoredByte(e, key, 1000);
    await expect(e.client.downloadBlob(key)).rejects.toMatchObject({ code: 'ERR_INTEGRITY' });
    await expect(e.client.get(key)).rejects.toMatchObject({ code: 'ERR_INTEGRITY' });
    expect((await e.client.get(key, { range: '0-999' })).body).toEqual(plain.subarray(0, 1000));
    const flipped = (await e.client.get(key, { range: '990-1010' })).body;
    expect(flipped[10]).toBe(plain[1000]! ^ 0x01);
    e.client.close();
  });

  it('multipart records them only when asked (computeMd5), then full reads are checked', async () => {
    const e = emulatorClient(masterKey);
    const plain = pseudoRandom(PART * 3 + 77, 22);
    const plainKey = `${testPrefix('integrity')}mp-default.bin`;
    expect((await e.client.upload(plainKey, new Blob([plain as BlobPart]), { partSize: PART })).parts).toBe(4);
    expect((await e.client.head(plainKey)).envelope?.unencryptedContentMd5).toBeNull();

    const key = `${testPrefix('integrity')}mp-md5.bin`;
    expect(
      (await e.client.upload(key, new Blob([plain as BlobPart]), { partSize: PART, computeMd5: true })).parts,
    ).toBe(4);
    const info = await e.client.head(key);
    expect(info.envelope?.unencryptedContentMd5).toBe(await md5Base64(plain));
    expect(info.envelope?.unencryptedContentLength).toBe(plain.length);
    expect(new Uint8Array(await (await e.client.downloadBlob(key)).arrayBuffer())).toEqual(plain);
    await flipStoredByte(e, key, PART + 5);
    await expect(e.client.downloadBlob(key)).rejects.toMatchObject({ code: 'ERR_INTEGRITY' });
    await expect(readAll((await e.client.getStream(key)).body)).rejects.toMatchObject({ code: 'ERR_INTEGRITY' });
    e.client.close();
  });

  it('a single PUT can opt out of the MD5 (computeMd5: false); the length is still recorded', async () => {
    const e = emulatorClient(masterKey);
    const key = `${testPrefix('integrity')}put-off.bin`;
    await e.client.upload(key, new Blob([pseudoRandom(1000, 23) as BlobPart]), { computeMd5: false });
    expect((await e.client.head(key)).envelope).toMatchObject({
      unencryptedContentMd5: null,
      unencryptedContentLength: 1000,
    });
    e.client.close();
  });
});
