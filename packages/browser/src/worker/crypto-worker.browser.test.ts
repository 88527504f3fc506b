import { describe, expect, it } from 'vitest';
import { Keyring, RsaMasterKey, decryptObject, generateRsaKeyPair, md5Base64, parseEnvelope, toHex } from '@oss-cse/core';
import { CryptoWorker } from './crypto-worker.js';
import { pseudoRandom } from '../test-support/memory-transport.js';
import { generateNonExtractableKey } from '../keys/browser-keys.js';

const keyPair = await generateRsaKeyPair();
const masterKey = await RsaMasterKey.import({ privateKey: keyPair.privateKey, description: { user: 'alice' } });

describe('CryptoWorker (encryption in a Web Worker)', () => {
  it('encrypts a whole object that core decrypts on the page', async () => {
    const worker = new CryptoWorker(masterKey);
    const plain = pseudoRandom(100_003, 7);
    const { headers, ciphertext, crc64 } = await worker.encryptObject(new Blob([plain as BlobPart]));
    expect(ciphertext).not.toEqual(plain);
    expect(crc64).toMatch(/^\d+$/);
    expect(headers['x-oss-meta-client-side-encryption-matdesc']).toBe('{"user": "alice"}');
    expect(await decryptObject({ keyring: masterKey, headers, ciphertext })).toEqual(plain);
    worker.terminate();
  });

  it('encrypts multipart parts from Blob slices; a resumed session produces identical ciphertext', async () => {
    const worker = new CryptoWorker(new Keyring([masterKey]));
    const partSize = 102_400;
    const plain = pseudoRandom(partSize * 2 + 77, 3);
    const file = new Blob([plain as BlobPart]);
    const session = await worker.openMultipart(plain.length, partSize);
    const p1 = await session.encryptPart(1, file.slice(0, partSize));
    const p3 = await session.encryptPart(3, file.slice(partSize * 2));
    // Each part is encrypted once per session (counter-reuse guard).
    await expect(session.encryptPart(1, file.slice(0, partSize))).rejects.toMatchObject({ code: 'ERR_COUNTER_REUSE' });
    const resumed = await worker.resumeMultipart(session.opened.material);
    expect(resumed.opened.partHeaders).toEqual(session.opened.partHeaders);
    const p2 = await resumed.encryptPart(2, file.slice(partSize, partSize * 2));
    expect((await resumed.encryptPart(3, file.slice(partSize * 2))).ciphertext).toEqual(p3.ciphertext);
    const all = new Uint8Array(plain.length);
    all.set(p1.ciphertext, 0); all.set(p2.ciphertext, partSize); all.set(p3.ciphertext, partSize * 2);
    const headers = session.opened.initiateHeaders;
    expect(parseEnvelope(headers)?.partSize).toBe(partSize);
    expect(await decryptObject({ keyring: masterKey, headers, ciphertext: all })).toEqual(plain);
    // The material is wrapped only.
    expect(Object.keys(session.opened.material).sort()).toEqual(['cekAlg', 'dataSize', 'encryptedIv', 'encryptedKey', 'matDesc', 'partSize', 'wrapAlg']);
    worker.terminate();
  });

  it('resuming with another key fails with the typed error', async () => {
    const worker = new CryptoWorker(masterKey);
    const session = await worker.openMultipart(300_000, 102_400);
    const other = new CryptoWorker(await RsaMasterKey.import({ privateKey: (await generateRsaKeyPair()).privateKey, description: { user: 'alice' } }));
    await expect(other.resumeMultipart(session.opened.material)).rejects.toMatchObject({ code: 'ERR_UNWRAP_FAILED' });
    const stranger = new CryptoWorker(await RsaMasterKey.import({ privateKey: keyPair.privateKey, description: { user: 'bob' } }));
    await expect(stranger.resumeMultipart(session.opened.material)).rejects.toMatchObject({ code: 'ERR_NO_MATCHING_KEY' });
    for (const w of [worker, other, stranger]) w.terminate();
  });

  it('works with a non-extractable OAEP key kept on the page', async () => {
    const { masterKey: oaep, privateKey } = await generateNonExtractableKey();
    expect(privateKey.extractable).toBe(false);
    const worker = new CryptoWorker(oaep);
    const plain = pseudoRandom(5000, 9);
    const { headers, ciphertext } = await worker.encryptObject(new Blob([plain as BlobPart]));
    expect(headers['x-oss-meta-client-side-encryption-wrap-alg']).toBe('RSA/NONE/OAEPWithSHA-1AndMGF1Padding');
    expect(await decryptObject({ keyring: oaep, headers, ciphertext })).toEqual(plain);
    worker.terminate();
  });

  it('hashes blobs for fingerprints', async () => {
    const worker = new CryptoWorker(masterKey);
    const expected = Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode('abcdef'))), (b) => b.toString(16).padStart(2, '0')).join('');
    expect(await worker.digest([new Blob(['abc']), new Blob(['def'])])).toBe(expected);
    expect(await worker.digest([new Blob(['abcdef'])])).toBe(expected);
    worker.terminate();
  });

  it('returns each part with the SHA-256 of its plaintext, and MD5s a Blob larger than its read slice', async () => {
    const worker = new CryptoWorker(masterKey);
    const part = pseudoRandom(102_400, 5);
    const session = await worker.openMultipart(part.length, part.length);
    const sha = toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', part as Uint8Array<ArrayBuffer>)));
    expect((await session.encryptPart(1, new Blob([part as BlobPart]))).plaintextSha256).toBe(sha);
    const big = pseudoRandom(9 * 1024 * 1024 + 3, 6);
    expect(await worker.md5(new Blob([big as BlobPart]))).toBe(await md5Base64(big));
    const { headers } = await worker.encryptObject(new Blob([part as BlobPart]), { computeMd5: false });
    expect(parseEnvelope(headers)).toMatchObject({ unencryptedContentLength: part.length, unencryptedContentMd5: undefined });
    worker.terminate();
  });
});
