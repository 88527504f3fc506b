// The Worker cipher runner (Chromium): encryption in a Web Worker that core decrypts on the page, parts from Blob
// slices, resumed uploads encrypting identically, the page's keyring choosing the key (description, algorithm,
// then each candidate in turn), non-extractable and KMS-like keys kept on the page, digests and MD5s; reads decrypted
// there (ciphertext moved in, plaintext and CRC-64 back, integrity failures typed, aborts rejecting at once).
import { describe, expect, it } from 'vitest';
import {
  crc64,
  encryptObject,
  Keyring,
  openContentMaterials,
  OssCseError,
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
import { bytesSource } from '@oss-cse/transfer';
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

  it('hashes Blobs and bytes (SHA-256 hex, MD5 base64 of a Blob or bytes larger than a read piece)', async () => {
    const runner = workerCipherRunner(new Keyring(masterKey));
    const abc = new TextEncoder().encode('abcdef');
    expect(await runner.digest(new Blob(['abc', 'def']))).toBe(await sha256(abc));
    expect(await runner.digest(abc)).toBe(await sha256(abc));
    const big = pseudoRandom(9 * 1024 * 1024 + 3, 6);
    expect(await runner.md5(blob(big))).toBe(await md5Base64(big));
    // A source of bytes is gathered into a Blob for the Worker (the MD5 code is only there).
    expect(await runner.md5(bytesSource(big))).toBe(await md5Base64(big));
    expect(await runner.md5(bytesSource(new Uint8Array(0)))).toBe(await md5Base64(new Uint8Array(0)));
    runner.close?.();
  });

  it("decrypts reads in the Worker with the page's CryptoKey: ciphertext moved there, plaintext and CRC-64 back", async () => {
    const runner = workerCipherRunner(new Keyring(masterKey));
    const plain = pseudoRandom(300_003, 4);
    const { headers, ciphertext } = await encryptObject({ keyring: masterKey, plaintext: plain, computeMd5: true });
    const envelope = parseEnvelope(headers)!;
    const materials = await openContentMaterials({ keyring: masterKey, envelope });
    expect(materials.key.extractable).toBe(false);
    // A whole read in two pieces: the running CRC-64, then the MD5/length check passes.
    const whole = await runner.openDecipher(materials, { integrity: envelope });
    const first = ciphertext.slice(0, 100_000);
    const a = await whole.decrypt(0, first, { inOrder: true });
    expect(first.byteLength).toBe(0); // moved to the Worker, not copied
    const b = await whole.decrypt(100_000, ciphertext.slice(100_000), { inOrder: true });
    expect([a.body, b.body].map((x) => x.length)).toEqual([100_000, 200_003]);
    expect(new Uint8Array(await new Blob([a.body, b.body] as BlobPart[]).arrayBuffer())).toEqual(plain);
    expect(b.crc64).toBe(crc64(ciphertext).toString(10));
    await whole.finish();
    whole.close();
    // Out of order from a view into a larger buffer (copied, the caller's buffer intact), read back with verify().
    const backing = ciphertext.slice();
    const pieces = await runner.openDecipher(materials, { integrity: envelope });
    const tail = await pieces.decrypt(160_000, backing.subarray(160_000));
    expect(backing.byteLength).toBe(ciphertext.length);
    expect(tail.crc64).toBe(crc64(ciphertext.subarray(160_000)).toString(10));
    expect(tail.body).toEqual(plain.subarray(160_000));
    await pieces.verify(plain);
    await pieces.finish();
    // A wrong MD5 found in the Worker is the page's typed ERR_INTEGRITY.
    const wrong = await runner.openDecipher(materials, {
      integrity: { ...envelope, unencryptedContentMd5: await md5Base64(new Uint8Array(1)) },
    });
    await wrong.decrypt(0, ciphertext.slice(), { inOrder: true });
    const failure = await wrong.finish().catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(OssCseError);
    expect(failure).toMatchObject({ code: 'ERR_INTEGRITY' });
    // An object stored unencrypted passes through with its CRC-64.
    const raw = await (await runner.openDecipher(null)).decrypt(0, plain.slice(0, 1000));
    expect(raw).toEqual({ body: plain.subarray(0, 1000), crc64: crc64(plain.subarray(0, 1000)).toString(10) });
    runner.close?.();
  });

  it('an aborted read rejects at once with ERR_ABORTED, and the Worker drops that read', async () => {
    const runner = workerCipherRunner(new Keyring(masterKey));
    const { headers } = await encryptObject({ keyring: masterKey, plaintext: new Uint8Array(16) });
    const materials = await openContentMaterials({ keyring: masterKey, envelope: parseEnvelope(headers)! });
    const decipher = await runner.openDecipher(materials);
    const controller = new AbortController();
    const pending = decipher.decrypt(0, pseudoRandom(32 * 1024 * 1024, 2), { signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ code: 'ERR_ABORTED' });
    await expect(decipher.decrypt(0, new Uint8Array(16))).rejects.toMatchObject({ code: 'ERR_ABORTED' });
    await expect(decipher.decrypt(0, new Uint8Array(16), { signal: controller.signal })).rejects.toMatchObject({
      code: 'ERR_ABORTED',
    });
    await expect(runner.openDecipher(materials, { signal: controller.signal })).rejects.toMatchObject({
      code: 'ERR_ABORTED',
    });
    runner.close?.();
  });

  it('a Worker that fails fails its calls with ERR_WORKER, and the next call starts a new one', async () => {
    let started = 0;
    const failing = () => {
      started++;
      const script = URL.createObjectURL(new Blob(['throw new Error("boom")'], { type: 'text/javascript' }));
      return new Worker(script, { type: 'module' });
    };
    const runner = workerCipherRunner(new Keyring(masterKey), failing);
    const { headers } = await encryptObject({ keyring: masterKey, plaintext: new Uint8Array(16) });
    const materials = await openContentMaterials({ keyring: masterKey, envelope: parseEnvelope(headers)! });
    const failure = await runner.openDecipher(materials).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(OssCseError);
    expect(failure).toMatchObject({ code: 'ERR_WORKER' });
    await expect(runner.digest(new Uint8Array(1))).rejects.toMatchObject({ code: 'ERR_WORKER' });
    expect(started).toBe(2);
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
