// The inline cipher runner: a single object records the plaintext length even without its MD5, a Blob's MD5 is read
// piece by piece, a part read from a Blob is encrypted in its own bytes, in slices, and a runtime's synchronous
// SHA-256 replaces WebCrypto's digest (and its copy) for parts.
import { MultipartEncryptionContext, md5Base64, parseEnvelope } from '@oss-cse/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { inlineCipherRunner, sha256Hex } from './inline-runner.js';
import { bytesSource } from '../source/part-source.js';
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

  it('MD5s a Blob or a source of bytes larger than one read piece', async () => {
    const big = pseudoRandom(9 * 1024 * 1024 + 3, 6);
    expect(await runner.md5(new Blob([big as BlobPart]))).toBe(await md5Base64(big));
    expect(await runner.md5(new Blob([]))).toBe(await md5Base64(new Uint8Array(0)));
    expect(await runner.md5(bytesSource(big))).toBe(await md5Base64(big));
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

  describe('with a synchronous SHA-256 operation', () => {
    afterEach(() => vi.restoreAllMocks());

    it("hashes each part's plaintext with it before encrypting it in place, never through WebCrypto", async () => {
      const seen: Uint8Array[] = [];
      const sha256 = (bytes: Uint8Array) => {
        seen.push(bytes.slice());
        return `sha-${bytes.length}`;
      };
      const withOp = inlineCipherRunner(await testMasterKey(), { sha256 });
      const partSize = 1024 * 1024;
      const plain = pseudoRandom(partSize, 9);
      const cipher = await withOp.openMultipart({ dataSize: 2 * partSize, partSize });
      const digest = vi.spyOn(crypto.subtle, 'digest');
      const buffer = plain.slice();
      const part = await cipher.encryptPart(1, buffer, { inPlace: true });
      // The operation read the plaintext (not ciphertext), and its answer is the part's recorded digest.
      expect(seen).toEqual([plain]);
      expect(part.plaintextSha256).toBe(`sha-${partSize}`);
      expect(part.body).toBe(buffer);
      expect(part.body).not.toEqual(plain);
      // Without a record to note it, nothing is hashed; `digest` (resumed parts) goes through the operation too.
      expect((await cipher.encryptPart(2, plain.slice(), { sha256: false })).plaintextSha256).toBeUndefined();
      expect(await withOp.digest(plain)).toBe(`sha-${partSize}`);
      expect(seen).toHaveLength(2);
      expect(digest).not.toHaveBeenCalled();
    });

    it('gives the same ciphertext as the WebCrypto path', async () => {
      const key = await testMasterKey();
      const plain = pseudoRandom(300_000, 4);
      const webCipher = await inlineCipherRunner(key).openMultipart({ dataSize: plain.length, partSize: 300_000 });
      const viaOp = await inlineCipherRunner(key).resumeMultipart(webCipher.material, {});
      const withOp = await inlineCipherRunner(key, { sha256: () => 'op' }).resumeMultipart(webCipher.material, {});
      const a = await viaOp.encryptPart(1, plain.slice());
      const b = await withOp.encryptPart(1, plain.slice(), { inPlace: true });
      expect(b.body).toEqual(a.body);
      expect(b.crc64).toBe(a.crc64);
      expect(a.plaintextSha256).toBe(await sha256Hex(plain));
    });
  });
});
