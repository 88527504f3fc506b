// The inline decipher: a whole read in order answers the object's running CRC-64 and checks the recorded plaintext
// MD5/length at finish (ERR_INTEGRITY), pieces out of order answer their own CRC-64, an object stored unencrypted
// passes through with its CRC-64, a whole read refuses a gap, and a closed decipher refuses more work.
import { crc64, encryptObject, openContentMaterials, parseEnvelope, type Envelope } from '@oss-cse/core';
import { describe, expect, it } from 'vitest';
import { inlineDecipher } from './inline-decipher.js';
import { pseudoRandom } from '../../test/support/memory-transport.js';
import { testMasterKey } from '../../test/support/engine-client.js';

const keyring = await testMasterKey();
const plain = pseudoRandom(100_000, 5);
const { headers, ciphertext } = await encryptObject({ keyring, plaintext: plain, computeMd5: true });
const envelope = parseEnvelope(headers)!;
const materials = () => openContentMaterials({ keyring, envelope });

describe('inlineDecipher', () => {
  it('decrypts a whole read in order: running CRC-64, then the MD5/length check passes', async () => {
    const decipher = await inlineDecipher(await materials(), { integrity: envelope });
    const a = await decipher.decrypt(0, ciphertext.slice(0, 65_536), { inOrder: true });
    expect(a.crc64).toBe(crc64(ciphertext.subarray(0, 65_536)).toString(10));
    const b = await decipher.decrypt(65_536, ciphertext.slice(65_536), { inOrder: true });
    expect(b.crc64).toBe(crc64(ciphertext).toString(10));
    expect([...a.body, ...b.body]).toEqual([...plain]);
    await decipher.finish();
    decipher.close();
    await expect(decipher.decrypt(0, ciphertext.slice(0, 16))).rejects.toMatchObject({ code: 'ERR_INVALID_ARGUMENT' });
  });

  it('finish fails with ERR_INTEGRITY on a wrong MD5 or a short read; no integrity, no check', async () => {
    const wrongMd5: Envelope = { ...envelope, unencryptedContentMd5: 'AAAAAAAAAAAAAAAAAAAAAA==' };
    const md5 = await inlineDecipher(await materials(), { integrity: wrongMd5 });
    await md5.decrypt(0, ciphertext.slice(), { inOrder: true });
    await expect(md5.finish()).rejects.toMatchObject({ code: 'ERR_INTEGRITY' });
    const short = await inlineDecipher(await materials(), { integrity: envelope });
    await short.decrypt(0, ciphertext.slice(0, 4096), { inOrder: true });
    await expect(short.finish()).rejects.toMatchObject({ code: 'ERR_INTEGRITY' });
    const unchecked = await inlineDecipher(await materials());
    await unchecked.decrypt(0, ciphertext.slice(0, 4096), { inOrder: true });
    await unchecked.finish();
  });

  it('out of order: each piece its own CRC-64; verify() feeds the check in order afterwards', async () => {
    const decipher = await inlineDecipher(await materials(), { integrity: envelope });
    const [second, first] = [
      await decipher.decrypt(50_000, ciphertext.slice(50_000)),
      await decipher.decrypt(0, ciphertext.slice(0, 50_000)),
    ];
    expect(second.crc64).toBe(crc64(ciphertext.subarray(50_000)).toString(10));
    expect(first.body).toEqual(plain.subarray(0, 50_000));
    expect(second.body).toEqual(plain.subarray(50_000));
    await decipher.verify(first.body);
    await decipher.verify(second.body.slice(0, 100));
    await expect(decipher.finish()).rejects.toMatchObject({ code: 'ERR_INTEGRITY' });
  });

  it('a whole read refuses a gap; an object stored unencrypted passes through with its CRC-64', async () => {
    const decipher = await inlineDecipher(await materials());
    await decipher.decrypt(0, ciphertext.slice(0, 32), { inOrder: true });
    await expect(decipher.decrypt(48, ciphertext.slice(48, 64), { inOrder: true })).rejects.toMatchObject({
      code: 'ERR_INVALID_ARGUMENT',
    });
    const bytes = pseudoRandom(1000, 1);
    const passing = await inlineDecipher(null, {
      integrity: { unencryptedContentLength: 1000, unencryptedContentMd5: undefined },
    });
    const piece = await passing.decrypt(0, bytes.slice(), { inOrder: true });
    expect(piece).toEqual({ body: bytes, crc64: crc64(bytes).toString(10) });
    await passing.finish();
    const aborted = AbortSignal.abort();
    await expect(passing.decrypt(1000, bytes, { signal: aborted })).rejects.toMatchObject({ code: 'ERR_ABORTED' });
    await expect(inlineDecipher(null, { signal: aborted })).rejects.toMatchObject({ code: 'ERR_ABORTED' });
  });
});
