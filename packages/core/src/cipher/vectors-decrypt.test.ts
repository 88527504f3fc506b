// Conformance (Node + Chromium): every vector's ciphertext decrypts with its recorded data key and IV.
import { describe, expect, it } from 'vitest';
import { ContentCipher } from './content-cipher.js';
import { v1CounterBlock } from './counter.js';
import { concatBytes, fromHex, toHex } from '../util/bytes.js';
import {
  b64,
  FOREIGN_V2_VECTORS,
  fixedPlaintext,
  sameBytes,
  fixedVector,
  multipartVector,
  PUT_RSA_VECTORS,
  putVector,
  sha256Hex,
} from '../../test/support/vectors.js';

describe('AES-256-CTR against SDK vectors', () => {
  it.each(PUT_RSA_VECTORS)('oss2-generated %s decrypts byte-exactly', async (name) => {
    const v = await putVector(name);
    const { cek_hex, iv_hex } = v.unwrapped_by_oss2_provider;
    const cipher = await ContentCipher.fromDataKey(fromHex(cek_hex), fromHex(iv_hex));
    const plain = await cipher.decryptAt(0, b64(v.ciphertext_b64));
    expect(await sha256Hex(plain)).toBe(v.plaintext_sha256);
    expect(toHex(plain)).toBe(toHex(b64(v.plaintext_b64)));
  });

  it.each(FOREIGN_V2_VECTORS)('%s decrypts byte-exactly', async (name) => {
    const v = await fixedVector(name);
    const cipher = await ContentCipher.fromDataKey(fromHex(v.decrypted.cek_hex), fromHex(v.decrypted.iv_hex!));
    const plain = await cipher.decryptAt(0, b64(v.ciphertext_b64));
    expect(await sha256Hex(plain)).toBe(v.plaintext_sha256);
  });

  it('V1 RSA-OAEP object decrypts with the decimal counter "8"', async () => {
    const v = await fixedVector('v1-deprecated-rsa-oaep');
    const counter = v1CounterBlock(v.decrypted.start_plaintext_ascii!);
    expect(toHex(counter)).toBe(v.decrypted.counter_block_hex);
    const cipher = await ContentCipher.fromDataKey(fromHex(v.decrypted.cek_hex), counter);
    const plain = await cipher.decryptAt(0, b64(v.ciphertext_b64));
    expect(await sha256Hex(plain)).toBe(v.plaintext_sha256);
    expect(sameBytes(plain, fixedPlaintext(v))).toBe(true);
  });

  it('multipart parts are IV + (n-1)*partSize/16 and the object decrypts from the IV', async () => {
    const v = await multipartVector();
    const { cek_hex, iv_hex } = v.unwrapped_by_oss2_provider;
    const plaintext = b64(v.plaintext_b64);
    const enc = await ContentCipher.fromDataKey(fromHex(cek_hex), fromHex(iv_hex), { encrypt: true });
    for (const part of v.parts) {
      expect(part.counter_block_offset).toBe(part.plaintext_offset / 16);
      const mine = await enc.encryptAt(
        part.plaintext_offset,
        plaintext.subarray(part.plaintext_offset, part.plaintext_offset + part.plaintext_len),
      );
      expect(await sha256Hex(mine)).toBe(part.ciphertext_sha256);
    }
    const whole = concatBytes(v.parts.map((p) => b64(p.ciphertext_b64)));
    expect(await sha256Hex(whole)).toBe(v.object_ciphertext_sha256);
    const dec = await ContentCipher.fromDataKey(fromHex(cek_hex), fromHex(iv_hex));
    expect(await sha256Hex(await dec.decryptAt(0, whole))).toBe(v.plaintext_sha256);
  });

  it('an encrypting cipher refuses to reuse a counter range', async () => {
    const v = await putVector('put-rsa-pkcs1v15-17-bytes');
    const enc = await ContentCipher.fromDataKey(
      fromHex(v.unwrapped_by_oss2_provider.cek_hex),
      fromHex(v.unwrapped_by_oss2_provider.iv_hex),
      { encrypt: true },
    );
    await enc.encryptAt(0, new Uint8Array(20));
    await expect(enc.encryptAt(16, new Uint8Array(1))).rejects.toMatchObject({ code: 'ERR_COUNTER_REUSE' });
    await expect(enc.encryptAt(32, new Uint8Array(16))).resolves.toHaveLength(16);
  });
});
