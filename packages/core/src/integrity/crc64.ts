// CRC-64/XZ (the `x-oss-hash-crc64ecma` checksum): reflected ECMA-182 polynomial, init and xorout all ones.
// The 64-bit state is kept as two uint32 halves and updated 8 bytes at a time (slicing-by-8). Where WebAssembly can be
// compiled, transfers use crc64-wasm.ts and load this file with import() only as its fallback (workerd).
import type { Crc64Hasher } from './crc64-wasm.js';
import { POLY_HI, POLY_LO } from './crc64-combine.js';

export { crc64Combine } from './crc64-combine.js';

const TABLE_HI: Uint32Array[] = [];
const TABLE_LO: Uint32Array[] = [];

function buildTables(): void {
  const hi0 = new Uint32Array(256);
  const lo0 = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let hi = 0;
    let lo = n;
    for (let bit = 0; bit < 8; bit++) {
      const carry = lo & 1;
      lo = ((lo >>> 1) | ((hi & 1) << 31)) >>> 0;
      hi = hi >>> 1;
      if (carry) {
        hi = (hi ^ POLY_HI) >>> 0;
        lo = (lo ^ POLY_LO) >>> 0;
      }
    }
    hi0[n] = hi;
    lo0[n] = lo;
  }
  TABLE_HI.push(hi0);
  TABLE_LO.push(lo0);
  for (let k = 1; k < 8; k++) {
    const prevHi = TABLE_HI[k - 1] as Uint32Array;
    const prevLo = TABLE_LO[k - 1] as Uint32Array;
    const hi = new Uint32Array(256);
    const lo = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      const ph = prevHi[n] as number;
      const pl = prevLo[n] as number;
      const idx = pl & 0xff;
      hi[n] = ((ph >>> 8) ^ (hi0[idx] as number)) >>> 0;
      lo[n] = (((pl >>> 8) | ((ph & 0xff) << 24)) ^ (lo0[idx] as number)) >>> 0;
    }
    TABLE_HI.push(hi);
    TABLE_LO.push(lo);
  }
}
buildTables();

const [H0, H1, H2, H3, H4, H5, H6, H7] = TABLE_HI as [
  Uint32Array,
  Uint32Array,
  Uint32Array,
  Uint32Array,
  Uint32Array,
  Uint32Array,
  Uint32Array,
  Uint32Array,
];
const [L0, L1, L2, L3, L4, L5, L6, L7] = TABLE_LO as [
  Uint32Array,
  Uint32Array,
  Uint32Array,
  Uint32Array,
  Uint32Array,
  Uint32Array,
  Uint32Array,
  Uint32Array,
];

/**
 * Incremental CRC-64/XZ.
 *
 * @example
 * ```ts
 * import { Crc64 } from '@oss-cse/core';
 * declare const chunks: Uint8Array[];
 * const crc = new Crc64();
 * for (const chunk of chunks) crc.update(chunk);
 * crc.value(); // compare with x-oss-hash-crc64ecma
 * ```
 */
export class Crc64 {
  // State held inverted (init = all ones).
  private hi: number;
  private lo: number;

  /** @param previous continue from the checksum of earlier bytes (default: none). */
  constructor(previous = 0n) {
    this.hi = ~Number(previous >> 32n) >>> 0;
    this.lo = ~Number(previous & 0xffffffffn) >>> 0;
  }

  /** Adds `data` to the checksum; returns this. */
  update(data: Uint8Array): this {
    let hi = this.hi;
    let lo = this.lo;
    let i = 0;
    const n = data.length;
    const end8 = n - (n % 8);
    while (i < end8) {
      lo ^=
        (data[i] as number) |
        ((data[i + 1] as number) << 8) |
        ((data[i + 2] as number) << 16) |
        ((data[i + 3] as number) << 24);
      hi ^=
        (data[i + 4] as number) |
        ((data[i + 5] as number) << 8) |
        ((data[i + 6] as number) << 16) |
        ((data[i + 7] as number) << 24);
      const nhi =
        (H7[lo & 0xff] as number) ^
        (H6[(lo >>> 8) & 0xff] as number) ^
        (H5[(lo >>> 16) & 0xff] as number) ^
        (H4[lo >>> 24] as number) ^
        (H3[hi & 0xff] as number) ^
        (H2[(hi >>> 8) & 0xff] as number) ^
        (H1[(hi >>> 16) & 0xff] as number) ^
        (H0[hi >>> 24] as number);
      const nlo =
        (L7[lo & 0xff] as number) ^
        (L6[(lo >>> 8) & 0xff] as number) ^
        (L5[(lo >>> 16) & 0xff] as number) ^
        (L4[lo >>> 24] as number) ^
        (L3[hi & 0xff] as number) ^
        (L2[(hi >>> 8) & 0xff] as number) ^
        (L1[(hi >>> 16) & 0xff] as number) ^
        (L0[hi >>> 24] as number);
      hi = nhi;
      lo = nlo;
      i += 8;
    }
    while (i < n) {
      const idx = (lo ^ (data[i] as number)) & 0xff;
      lo = ((lo >>> 8) | ((hi & 0xff) << 24)) ^ (L0[idx] as number);
      hi = (hi >>> 8) ^ (H0[idx] as number);
      i++;
    }
    this.hi = hi >>> 0;
    this.lo = lo >>> 0;
    return this;
  }

  /** The checksum as an unsigned 64-bit BigInt. */
  value(): bigint {
    return (BigInt(~this.hi >>> 0) << 32n) | BigInt(~this.lo >>> 0);
  }

  /** The checksum as OSS prints it: unsigned decimal. */
  decimal(): string {
    return this.value().toString(10);
  }
}

/**
 * The CRC-64/ECMA-182 of `data`, as OSS computes `x-oss-hash-crc64ecma`; with `previous`, of the bytes whose CRC-64
 * that is followed by `data`.
 *
 * @example
 * ```ts
 * import { crc64, utf8 } from '@oss-cse/core';
 * crc64(utf8('hello')).toString(); // the decimal x-oss-hash-crc64ecma of 'hello'
 * ```
 */
export function crc64(data: Uint8Array, previous = 0n): bigint {
  return new Crc64(previous).update(data).value();
}

/** The JavaScript hasher with the contract of `createCrc64Wasm` (runtimes without run-time WebAssembly). */
export function jsHasher(): Crc64Hasher {
  const crc = new Crc64();
  let cached: bigint | undefined;
  const hasher: Crc64Hasher = {
    update(data) {
      if (cached !== undefined) throw new TypeError('this CRC-64 hasher has already produced its value');
      crc.update(data);
      return hasher;
    },
    value() {
      cached ??= crc.value();
      return cached;
    },
  };
  return hasher;
}
