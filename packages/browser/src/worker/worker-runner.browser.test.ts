// The Worker cipher runner (Chromium): encryption in a Web Worker that core decrypts on the page, parts from Blob
// slices, resumed uploads encrypting identically, the page's keyring choosing the key (description, algorithm,
// then each candidate in turn), non-extractable and KMS-like keys kept on the page, digests and MD5s.
import { describe, expect, it } from 'vitest';
import {
  Keyring,
  RsaMasterKey,
  decryptObject,
  generateRsaKeyPair,
  md5Base64,
  parseEnvelope,
  toHex,
  type MasterKey,
} from '@oss-cse/core';
import { pseudoRandom } from '../../../transfer/test/support/index.js';
import { generateNonExtractableKey } from '../keys/browser-keys.js';
import { workerCipherRunner } from './worker-runner.js';

const keyPair = await generateRsaKeyPair();
const masterKey = await RsaMasterKey.import({ privateKey: keyPair.privateKey, description: { user: 'alice' } });
const sha256 = async (b: Uint8Array) =>
  toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', b as Uint8Array<ArrayBuffer>)));
const blob = (b: Uint8Array) => new Blob([b as BlobPart]);

describe('workerCipherRunner (encryption in a Web Worker)', () => {
  it('encrypts a whole object from a Blob or bytes that core decrypts on the page, recording MD5 and length', async () => {
    const runner = workerCipherRunner(new Keyring(masterKey));
    const plain = pseudoRandom(100_003, 7);
    for (const input of [blob(plain), plain]) {
      const { headers, body, crc64 } = await runner.encryptObject(input, { computeMd5: true });
      expect(body).not.toEqual(plain);
      expect(crc64).toMatch(/^\d+$/);
      expect(headers['x-oss-meta-client-side-encryption-matdesc']).toBe('{"user": "alice"}');
      expect(parseEnvelope(headers)).toMatchObject({
        unencryptedContentMd5: await md5Base64(plain),
        unencryptedContentLength: plain.length,
      });
      expect(await decryptObject({ keyring: masterKey, headers, ciphertext: body })).toEqual(plain);
    }
    const { headers } = await runner.encryptObject(blob(plain), { computeMd5: false });
    expect(parseEnvelope(headers)).toMatchObject({
      unencryptedContentLength: plain.length,
      unencryptedContentMd5: undefined,
    });
    runner.close?.();
  });

  it('encrypts parts from Blob slices with their plaintext SHA-256; a resumed cipher produces identical ciphertext', async () => {
    const runner = workerCipherRunner(new Keyring([masterKey]));
    const partSize = 102_400;
    const plain = pseudoRandom(partSize * 2 + 77, 3);
    const file = blob(plain);
    const cipher = await runner.openMultipart({ dataSize: plain.length, partSize });
    const p1 = await cipher.encryptPart(1, file.slice(0, partSize));
    expect(p1.plaintextSha256).toBe(await sha256(plain.subarray(0, partSize)));
    const p3 = await cipher.encryptPart(3, file.slice(partSize * 2));
    // Each part is encrypted once per cipher (counter-reuse guard).
    await expect(cipher.encryptPart(1, file.slice(0, partSize))).rejects.toMatchObject({ code: 'ERR_COUNTER_REUSE' });
    const resumed = await runner.resumeMultipart(cipher.material, {});
    expect(resumed.partHeaders).toEqual(cipher.partHeaders);
    const p2 = await resumed.encryptPart(2, file.slice(partSize, partSize * 2));
    expect((await resumed.encryptPart(3, file.slice(partSize * 2))).body).toEqual(p3.body);
    const all = new Uint8Array(plain.length);
    all.set(p1.body, 0);
    all.set(p2.body, partSize);
    all.set(p3.body, partSize * 2);
    expect(parseEnvelope(cipher.initiateHeaders)?.partSize).toBe(partSize);
    expect(await decryptObject({ keyring: masterKey, headers: cipher.initiateHeaders, ciphertext: all })).toEqual(
      plain,
    );
    // The material is wrapped only.
    expect(Object.keys(cipher.material).sort()).toEqual([
      'cekAlg',
      'dataSize',
      'encryptedIv',
      'encryptedKey',
      'matDesc',
      'partSize',
      'wrapAlg',
    ]);
    await cipher.close();
    await resumed.close();
    runner.close?.();
  });

  it('resuming picks the key by description and tries each candidate; no match and wrong keys fail with the typed errors', async () => {
    const writer = workerCipherRunner(new Keyring(masterKey));
    const cipher = await writer.openMultipart({ dataSize: 300_000, partSize: 102_400 });
    const otherPair = await RsaMasterKey.import({
      privateKey: (await generateRsaKeyPair()).privateKey,
      description: { user: 'alice' },
    });
    const bob = await RsaMasterKey.import({ privateKey: keyPair.privateKey, description: { user: 'bob' } });
    await expect(workerCipherRunner(new Keyring(otherPair)).resumeMultipart(cipher.material, {})).rejects.toMatchObject(
      { code: 'ERR_UNWRAP_FAILED' },
    );
    await expect(workerCipherRunner(new Keyring(bob)).resumeMultipart(cipher.material, {})).rejects.toMatchObject({
      code: 'ERR_NO_MATCHING_KEY',
    });
    // The right key second among two of the same description, after a key of another description that writes.
    const unwrapped: string[] = [];
    const spy = (key: MasterKey, name: string): MasterKey => ({
      wrapAlgorithm: key.wrapAlgorithm,
      description: key.description,
      canUnwrap: key.canUnwrap,
      supportsUnwrap: (alg) => key.supportsUnwrap(alg),
      wrap: (p, c) => key.wrap(p, c),
      unwrap: (w, c) => {
        unwrapped.push(name);
        return key.unwrap(w, c);
      },
    });
    const ring = new Keyring([spy(bob, 'bob'), spy(otherPair, 'other'), spy(masterKey, 'right')]);
    const resumed = await workerCipherRunner(ring).resumeMultipart(cipher.material, {});
    expect(resumed.partHeaders).toEqual(cipher.partHeaders);
    expect(new Set(unwrapped)).toEqual(new Set(['other', 'right']));
    await expect(
      workerCipherRunner(new Keyring(masterKey)).resumeMultipart(cipher.material, { policy: { profile: 'strict' } }),
    ).rejects.toMatchObject({ code: 'ERR_POLICY' });
    writer.close?.();
  });

  it('works with a non-extractable OAEP key kept on the page', async () => {
    const { masterKey: oaep, privateKey } = await generateNonExtractableKey();
    expect(privateKey.extractable).toBe(false);
    const runner = workerCipherRunner(new Keyring(oaep));
    const plain = pseudoRandom(5000, 9);
    const { headers, body } = await runner.encryptObject(blob(plain), { computeMd5: true });
    expect(headers['x-oss-meta-client-side-encryption-wrap-alg']).toBe('RSA/NONE/OAEPWithSHA-1AndMGF1Padding');
    expect(await decryptObject({ keyring: oaep, headers, ciphertext: body })).toEqual(plain);
    runner.close?.();
  });

  it('hashes Blobs and bytes (SHA-256 hex, MD5 base64 of a Blob larger than a read piece)', async () => {
    const runner = workerCipherRunner(new Keyring(masterKey));
    const abc = new TextEncoder().encode('abcdef');
    expect(await runner.digest(new Blob(['abc', 'def']))).toBe(await sha256(abc));
    expect(await runner.digest(abc)).toBe(await sha256(abc));
    const big = pseudoRandom(9 * 1024 * 1024 + 3, 6);
    expect(await runner.md5(blob(big))).toBe(await md5Base64(big));
    runner.close?.();
  });

  it('close() stops the Worker: calls waiting for it fail with ERR_ABORTED, later calls start a new one', async () => {
    const runner = workerCipherRunner(new Keyring(masterKey));
    const pending = runner.md5(blob(pseudoRandom(20 * 1024 * 1024, 1)));
    runner.close?.();
    await expect(pending).rejects.toMatchObject({ code: 'ERR_ABORTED' });
    expect(await runner.digest(new Uint8Array(0))).toBe(await sha256(new Uint8Array(0)));
    runner.close?.();
  });
});
