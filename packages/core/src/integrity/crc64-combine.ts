// Combining CRC-64/XZ values (zlib's crc32_combine widened to 64 bits): the checksum of a multipart object from its
// parts' checksums, without re-reading them. Apart from crc64.ts, so that pages using it do not carry the JavaScript
// CRC.

/** The reflected ECMA-182 polynomial, as two uint32 halves. */
export const POLY_HI = 0xc96c5795;
export const POLY_LO = 0xd7870f42;

const POLY = (BigInt(POLY_HI) << 32n) | BigInt(POLY_LO);
const MASK = (1n << 64n) - 1n;

function gf2Times(mat: bigint[], vec: bigint): bigint {
  let sum = 0n;
  let i = 0;
  let v = vec;
  while (v) {
    if (v & 1n) sum ^= mat[i] as bigint;
    v >>= 1n;
    i++;
  }
  return sum;
}

function gf2Square(mat: bigint[]): bigint[] {
  return mat.map((row) => gf2Times(mat, row));
}

/** Composition of two GF(2) operators (powers of one operator commute, so the order does not matter). */
function gf2Compose(a: bigint[], b: bigint[]): bigint[] {
  return a.map((column) => gf2Times(b, column));
}

const operatorCache = new Map<number, bigint[]>();
const OPERATOR_CACHE_SIZE = 32;

/** The linear operator that appends `len` zero bytes to a (raw) CRC state; cached, since parts usually share a size. */
function zerosOperator(len: number): bigint[] {
  const cached = operatorCache.get(len);
  if (cached) return cached;
  let odd: bigint[] = [POLY];
  for (let n = 1, row = 1n; n < 64; n++, row <<= 1n) odd.push(row);
  let even = gf2Square(odd); // 2 zero bits
  odd = gf2Square(even); // 4 zero bits
  let result: bigint[] | undefined;
  let remaining = BigInt(len);
  for (;;) {
    even = gf2Square(odd);
    if (remaining & 1n) result = result ? gf2Compose(result, even) : even;
    remaining >>= 1n;
    if (!remaining) break;
    odd = gf2Square(even);
    if (remaining & 1n) result = result ? gf2Compose(result, odd) : odd;
    remaining >>= 1n;
    if (!remaining) break;
  }
  const operator = result as bigint[];
  if (operatorCache.size >= OPERATOR_CACHE_SIZE) operatorCache.delete(operatorCache.keys().next().value as number);
  operatorCache.set(len, operator);
  return operator;
}

/**
 * CRC of A||B from crc(A), crc(B) and len(B) (zlib's crc32_combine, widened to 64 bits).
 * Used to checksum a completed multipart object without re-reading its parts.
 *
 * @example
 * ```ts
 * import { crc64, crc64Combine, utf8 } from '@oss-cse/core';
 * const a = utf8('hello '), b = utf8('world');
 * crc64Combine(crc64(a), crc64(b), b.length) === crc64(utf8('hello world')); // true
 * ```
 */
export function crc64Combine(crc1: bigint, crc2: bigint, len2: number): bigint {
  if (len2 <= 0) return crc1;
  return (gf2Times(zerosOperator(len2), crc1 & MASK) ^ crc2) & MASK;
}
