// Counters that carry across the low 64 bits and wrap at 2^128, cross-checked with node:crypto (OpenSSL's CTR
// increments all 128 bits). Every IV our writers and the SDKs make has bytes 8..11 zero, so such carries never
// happen in the other tests: here the IVs and offsets are chosen to cross them, for the cipher itself and for
// decrypting V2 and V1 objects (headers built with node:crypto, not by our writer).
import { describe, expect, it } from 'vitest';
import { constants, createCipheriv, createPublicKey, publicEncrypt, randomBytes } from 'node:crypto';
import { ContentCipher } from '../src/cipher/content-cipher.js';
import { cipherTransform } from '../src/cipher/cipher-transform.js';
import { decryptObject } from '../src/offline/decrypt-object.js';
import { RsaMasterKey } from '../src/keys/rsa-master-key.js';
import { WRAP_RSA_OAEP_SHA1 } from '../src/keys/master-key.js';
import { readAll } from '../src/streams/slice-stream.js';
import { rsa1024 } from './support/vectors.js';
import { patternBytes } from './support/vectors.js';
import { counterAt } from './support/node-crypto-reader.js';

const hex = (s: string) => Buffer.from(s, 'hex');
/** node:crypto AES-256-CTR from `counter` over `data`, carrying across all 128 bits itself. */
const openssl = (cek: Uint8Array, counter: Uint8Array, data: Uint8Array) => {
  const c = createCipheriv('aes-256-ctr', cek, counter);
  return Buffer.concat([c.update(data), c.final()]);
};

/** IVs (or counter positions) a few blocks before a carry: out of bytes 8..15 into byte 7, and past 2^128. */
const CARRY_IVS = {
  'low 64 bits to byte 7': hex('a1a2a3a4a5a6a7a8fffffffffffffffd'),
  "bytes 12..15 into 8..11 (a foreign IV, past Java's 32-bit seek)": hex('0102030405060708fffffffeffffffff'),
  'all 128 bits (wraps to zero)': hex('fffffffffffffffffffffffffffffffe'),
  'byte 7 to byte 0 only': hex('00ffffffffffffffffffffffffffffff'),
};

describe('AES-CTR counter carries (node:crypto cross-check)', () => {
  it.each(Object.entries(CARRY_IVS))('the cipher carries across %s at every 16-aligned offset', async (_, iv) => {
    const cek = randomBytes(32);
    const plain = patternBytes(20 * 16 + 5, 31);
    const expected = openssl(cek, iv, plain);
    const enc = await ContentCipher.fromDataKey(new Uint8Array(cek), iv);
    expect(Buffer.from(await enc.encryptAt(0, plain)).equals(expected)).toBe(true);
    for (let offset = 16; offset < plain.length; offset += 16) {
      expect(Buffer.from(await enc.decryptAt(offset, plain.subarray(offset))).equals(expected.subarray(offset))).toBe(
        true,
      );
    }
    const streamed = await readAll(
      new Blob([plain as BlobPart])
        .stream()
        .pipeThrough(cipherTransform(enc, { mode: 'decrypt', offset: 0, chunkSize: 16 })),
    );
    expect(Buffer.from(streamed).equals(expected)).toBe(true);
  });

  it.each([
    ['the low 64 bits 2^40 blocks in', hex('0f0e0d0c0b0a0908ffffff0000000000'), 2 ** 40 * 16],
    ['2^128 2^44 blocks in', hex('fffffffffffffffffffff00000000000'), 2 ** 44 * 16],
  ])('far offsets just before and after %s', async (_, iv, boundary) => {
    const cek = randomBytes(32);
    const plain = patternBytes(200, 32);
    const cipher = await ContentCipher.fromDataKey(new Uint8Array(cek), iv);
    // Before: the carry happens inside one cipher call; at and after: in the counter block of the offset.
    for (const offset of [boundary - 48, boundary, boundary + 32]) {
      const expected = openssl(cek, counterAt(iv, offset), plain);
      expect(Buffer.from(await cipher.decryptAt(offset, plain)).equals(expected)).toBe(true);
    }
  });

  it('a V2 object whose IV carries out of the low 64 bits decrypts whole and by ranges', async () => {
    const keys = await rsa1024();
    const pub = createPublicKey(keys.public_key_spki_pem);
    const cek = randomBytes(32);
    const iv = CARRY_IVS['low 64 bits to byte 7'];
    const wrap = (b: Uint8Array) =>
      publicEncrypt({ key: pub, padding: constants.RSA_PKCS1_PADDING }, b).toString('base64');
    const headers = {
      'x-oss-meta-client-side-encryption-key': wrap(cek),
      'x-oss-meta-client-side-encryption-start': wrap(iv),
      'x-oss-meta-client-side-encryption-cek-alg': 'AES/CTR/NoPadding',
      'x-oss-meta-client-side-encryption-wrap-alg': 'RSA/NONE/PKCS1Padding',
    };
    const plain = patternBytes(1000, 33);
    const ciphertext = openssl(cek, iv, plain);
    const keyring = await RsaMasterKey.import({ privateKey: keys.private_key_pkcs8_pem });
    expect(Buffer.from(await decryptObject({ keyring, headers, ciphertext })).equals(plain)).toBe(true);
    for (const [start, end] of [
      [17, 80],
      [40, 999],
      [33, 47],
      [70, 500],
    ] as const) {
      const aligned = start - (start % 16);
      const part = await decryptObject({
        keyring,
        headers,
        ciphertext: ciphertext.subarray(aligned, end + 1),
        range: `${start}-${end}`,
        contentRange: `bytes ${aligned}-${end}/${plain.length}`,
      });
      expect(Buffer.from(part).equals(plain.subarray(start, end + 1))).toBe(true);
    }
  });

  // V1 counters are decimal text (oss2 writes 1..10; we read up to 15 digits), so counter + offset/16 stays below
  // 2^53 and never reaches bit 64: the carries that can happen are across bytes 1..6, checked here at far
  // offsets of a large (virtual) object.
  it.each([
    ['1', 2 ** 32 - 2],
    ['10', 2 ** 40 - 11],
    ['7', 255 - 8],
    ['999999999999999', 2 ** 50 - 999_999_999_999_999 - 1],
  ])('a V1 object with counter %s decrypts a range whose counter carries (block %i)', async (counter, block) => {
    const keys = await rsa1024();
    const pub = createPublicKey(keys.public_key_spki_pem);
    const oaep = (b: Uint8Array) =>
      publicEncrypt({ key: pub, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha1' }, b).toString('base64');
    const cek = randomBytes(32);
    const headers = {
      'x-oss-meta-oss-crypto-key': oaep(cek),
      'x-oss-meta-oss-crypto-start': oaep(Buffer.from(counter)),
      'x-oss-meta-oss-cek-alg': 'AES/GCM/NoPadding',
      'x-oss-meta-oss-wrap-alg': 'rsa',
    };
    const initial = Buffer.alloc(16);
    initial.writeBigUInt64BE(BigInt(counter), 8);
    const offset = block * 16;
    const total = offset + 4096;
    const plain = patternBytes(80, 34);
    const ciphertext = openssl(cek, counterAt(initial, offset), plain);
    const keyring = await RsaMasterKey.import({
      privateKey: keys.private_key_pkcs8_pem,
      wrapAlgorithm: WRAP_RSA_OAEP_SHA1,
    });
    const end = offset + plain.length - 1;
    // The counter reaches the boundary at the second block: a range from before it and one from after it.
    for (const skip of [5, 40]) {
      const aligned = skip - (skip % 16);
      const part = await decryptObject({
        keyring,
        headers,
        ciphertext: ciphertext.subarray(aligned),
        range: `${offset + skip}-${end}`,
        contentRange: `bytes ${offset + aligned}-${end}/${total}`,
      });
      expect(Buffer.from(part).equals(plain.subarray(skip))).toBe(true);
    }
  });
});
