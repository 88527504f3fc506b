// CRC-64/XZ (the `x-oss-hash-crc64ecma` checksum): reflected ECMA-182 polynomial, init and xorout all ones.
// The 64-bit state is kept as two uint32 halves and updated 8 bytes at a time (slicing-by-8).

const POLY_HI = 0xc96c5795;
const POLY_LO = 0xd7870f42;

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

const [H0, H1, H2, H3, H4, H5, H6, H7] = TABLE_HI as [Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array];
const [L0, L1, L2, L3, L4, L5, L6, L7] = TABLE_LO as [Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array];

/** Incremental CRC-64/XZ. */
export class Crc64 {
  // State held inverted (init = all ones).
  private hi = 0xffffffff;
  private lo = 0xffffffff;

  update(data: Uint8Array): this {
    let hi = this.hi;
    let lo = this.lo;
    let i = 0;
    const n = data.length;
    const end8 = n - (n % 8);
    while (i < end8) {
      lo ^= (data[i] as number) | ((data[i + 1] as number) << 8) | ((data[i + 2] as number) << 16) | ((data[i + 3] as number) << 24);
      hi ^= (data[i + 4] as number) | ((data[i + 5] as number) << 8) | ((data[i + 6] as number) << 16) | ((data[i + 7] as number) << 24);
      const nhi =
        (H7[lo & 0xff] as number) ^ (H6[(lo >>> 8) & 0xff] as number) ^ (H5[(lo >>> 16) & 0xff] as number) ^ (H4[lo >>> 24] as number) ^
        (H3[hi & 0xff] as number) ^ (H2[(hi >>> 8) & 0xff] as number) ^ (H1[(hi >>> 16) & 0xff] as number) ^ (H0[hi >>> 24] as number);
      const nlo =
        (L7[lo & 0xff] as number) ^ (L6[(lo >>> 8) & 0xff] as number) ^ (L5[(lo >>> 16) & 0xff] as number) ^ (L4[lo >>> 24] as number) ^
        (L3[hi & 0xff] as number) ^ (L2[(hi >>> 8) & 0xff] as number) ^ (L1[(hi >>> 16) & 0xff] as number) ^ (L0[hi >>> 24] as number);
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
    return (BigInt((~this.hi) >>> 0) << 32n) | BigInt((~this.lo) >>> 0);
  }

  /** The checksum as OSS prints it: unsigned decimal. */
  decimal(): string {
    return this.value().toString(10);
  }
}

export function crc64(data: Uint8Array): bigint {
  return new Crc64().update(data).value();
}

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
 */
export function crc64Combine(crc1: bigint, crc2: bigint, len2: number): bigint {
  if (len2 <= 0) return crc1;
  return (gf2Times(zerosOperator(len2), crc1 & MASK) ^ crc2) & MASK;
}
