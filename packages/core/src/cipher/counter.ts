// AES-CTR counter arithmetic: the counter block is the IV read as a 128-bit big-endian integer (docs/format.md
// §2.2–2.3).
import { OssCseError } from '../errors.js';
import { assertBytes, assertSize } from '../util/assert.js';

/** The AES block size in bytes: counters advance by one per 16 bytes. */
export const AES_BLOCK = 16;

/**
 * The counter block for plaintext byte `offset` (a multiple of 16): `(IV + offset/16) mod 2^128`, big-endian.
 * This is the full 128-bit add of oss2, py2, OpenSSL and Go's stream; with IV bytes 8..11 zero it equals the
 * 64-bit seek of Go/C++ and Java's 32-bit one.
 *
 * @example
 * ```ts
 * import { counterBlockAt, generateIv } from '@oss-cse/core';
 * const counter = counterBlockAt(generateIv(), 5 * 1024 * 1024); // the counter of the block at byte 5 MiB
 * ```
 */
export function counterBlockAt(iv: Uint8Array, offset: number): Uint8Array<ArrayBuffer> {
  assertBytes(iv, 'iv', 16);
  assertSize(offset, 'offset');
  if (offset % AES_BLOCK !== 0) {
    throw new OssCseError(
      'ERR_INVALID_ARGUMENT',
      `offset ${offset} is not a multiple of 16 (counter blocks are 16 bytes)`,
    );
  }
  const out = new Uint8Array(16);
  let carry = offset / AES_BLOCK; // < 2^49, exact in a double
  for (let i = 15; i >= 0; i--) {
    const sum = iv[i]! + (carry % 256);
    carry = Math.floor(carry / 256) + (sum >> 8);
    out[i] = sum & 255;
  }
  return out;
}

/** The V1 initial counter block: the decimal counter as a 128-bit big-endian integer (15 zero bytes + value). */
export function v1CounterBlock(counterText: string): Uint8Array {
  const t = counterText.trim();
  if (!/^\d{1,15}$/.test(t)) throw new OssCseError('ERR_BAD_DATA_KEY', 'V1 counter is not a decimal number');
  const out = new Uint8Array(16);
  let n = Number(t);
  for (let i = 15; i >= 0 && n > 0; i--) {
    out[i] = n % 256;
    n = Math.floor(n / 256);
  }
  return out;
}

/**
 * True when IV bytes 8..11 are zero: how every V2 SDK makes IVs, so every SDK seeks identically.
 *
 * @example
 * ```ts
 * import { generateIv, isInteroperableIv } from '@oss-cse/core';
 * isInteroperableIv(generateIv()); // true
 * ```
 */
export function isInteroperableIv(iv: Uint8Array): boolean {
  return iv.length === 16 && iv[8] === 0 && iv[9] === 0 && iv[10] === 0 && iv[11] === 0;
}
