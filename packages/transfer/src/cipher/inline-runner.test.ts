// The inline cipher runner: a single object records the plaintext length even without its MD5, a Blob's MD5 is read
// piece by piece, and a part read from a Blob is encrypted in its own bytes, in slices.
import { MultipartEncryptionContext, md5Base64, parseEnvelope } from '@oss-cse/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { inlineCipherRunner } from './inline-runner.js';
import { pseudoRandom } from '../../test/support/memory-transport.js';
import { testMasterKey } from '../../test/support/engine-client.js';

const masterKey = await testMasterKey();
const runner = inlineCipherRunner(masterKey);
afterEach(() => vi.restoreAllMocks());

describe('inlineCipherRunner', () => {
  it('records the plaintext length with or without computeMd5 (the MD5 only with it)', async () => {
    const plain = pseudoRandom(3000, 3);
    const without = parseEnvelope((await runner.encryptObject(plain, { computeMd5: false })).headers);
    expect(without).toMatchObject({ unencryptedContentLength: 3000, unencryptedContentMd5: undefined });
    const withMd5 = parseEnvelope(
      (await runner.encryptObject(new Blob([plain as BlobPart]), { computeMd5: true })).headers,
    );
    expect(withMd5).toMatchObject({ unencryptedContentLength: 3000, unencryptedContentMd5: await md5Base64(plain) });
  });

  it('MD5s a Blob larger than one read piece', async () => {
    const big = pseudoRandom(9 * 1024 * 1024 + 3, 6);
    expect(await runner.md5(new Blob([big as BlobPart]))).toBe(await md5Base64(big));
    expect(await runner.md5(new Blob([]))).toBe(await md5Base64(new Uint8Array(0)));
  });

  it('encrypts a part read from a Blob in its own bytes, in slices: no WebCrypto call over the whole part', async () => {
    const partSize = 3 * 1024 * 1024 + 48;
    const plain = pseudoRandom(partSize, 9);
    const cipher = await runner.openMultipart({ dataSize: partSize, partSize });
    const encrypt = crypto.subtle.encrypt.bind(crypto.subtle);
    const sizes: number[] = [];
    vi.spyOn(crypto.subtle, 'encrypt').mockImplementation(async (algorithm, key, data) => {
      sizes.push((data as ArrayBufferView).byteLength);
      return encrypt(algorithm, key, data);
    });
    const part = await cipher.encryptPart(1, new Blob([plain as BlobPart]), { sha256: false });
    vi.restoreAllMocks();
    expect(sizes.length).toBeGreaterThan(1);
    expect(Math.max(...sizes)).toBeLessThan(partSize);
    // The same ciphertext as core's context gives the same bytes, encrypted apart from them.
    const ctx = await MultipartEncryptionContext.resume({ keyring: masterKey, material: cipher.material });
    expect(part.body).toEqual(await ctx.encryptPart(1, plain));
  });
});
