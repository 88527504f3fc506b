// How a modulus is laid out in limbs for lazy-carry Montgomery multiplication, and the conversions between
// BigInt and limbs. Internal module.
import { bigIntToBytes, bitLength } from '../bigint-math.js';
import { TABLE_SIZE, WINDOW_BITS } from './slots.js';

/** Table slots 0..31 hold x^0..x^31 (Montgomery form) for 5-bit fixed windows (slots.ts). */
export { TABLE_SIZE, WINDOW_BITS } from './slots.js';
/** Slot numbers after the table (constants a bundler inlines at each use). */
export * as SLOT from './slots.js';
export const SLOT_COUNT = TABLE_SIZE + 5;

/**
 * Limb width `bits` and count `count` (even) for a modulus. Lazy accumulation adds up to 2·count products
 * of two limbs, plus carries, into one accumulator word, so `(2·count + 2) · 2^(2·bits)` must stay below
 * `2^capacityBits` (64 for wasm i64 words, 53 for JavaScript doubles). R = 2^(bits·count) ≥ 4·modulus, so
 * products of values below 2·modulus reduce to values below 2·modulus with no final subtraction.
 */
export interface LimbLayout {
  readonly bits: number;
  readonly count: number;
}

export function chooseLayout(modulus: bigint, capacityBits: number, widths: readonly number[]): LimbLayout {
  const modulusBits = bitLength(modulus);
  for (const bits of widths) {
    let count = Math.ceil((modulusBits + 2) / bits);
    count += count % 2;
    if (Math.log2(2 * count + 2) + 2 * bits < capacityBits) return { bits, count };
  }
  throw new RangeError('modulus too large for the Montgomery arithmetic');
}

/** The value (0..15) of an ASCII hex digit (0-9, a-f). */
const nibble = (code: number): number => (code <= 57 ? code - 48 : code - 87);

/**
 * Writes `value` (non-negative, below 2^(bits·count)) as `count` limbs of `bits` (≤ 28) bits, least significant
 * first, straight from its hex digits (a 32-bit accumulator suffices: at most bits + 4 bits are pending).
 */
export function writeLimbs(value: bigint, layout: LimbLayout, out: Uint32Array | Float64Array, offset: number): void {
  const hex = value.toString(16);
  const { bits, count } = layout;
  const mask = 2 ** bits - 1;
  let acc = 0;
  let accBits = 0;
  let k = 0;
  for (let i = hex.length - 1; i >= 0; i--) {
    acc |= nibble(hex.charCodeAt(i)) << accBits; // an int32 standing for a uint32: & and >>> read it as such
    accBits += 4;
    if (accBits >= bits) {
      if (k === count) throw new RangeError('integer too large for the limbs');
      out[offset + k++] = acc & mask;
      acc >>>= bits;
      accBits -= bits;
    }
  }
  if (acc !== 0 && k === count) throw new RangeError('integer too large for the limbs');
  if (k < count) out[offset + k++] = acc;
  while (k < count) out[offset + k++] = 0;
}

/** ASCII codes of the 16 hex digits. */
const HEX_CODES = Uint8Array.from('0123456789abcdef', (c) => c.charCodeAt(0));
const latin1 = new TextDecoder('latin1');

/** Reads `count` limbs (each below 2^bits, bits ≤ 28) back into a BigInt, through hex digits. */
export function readLimbs(limbs: Uint32Array | Float64Array, offset: number, layout: LimbLayout): bigint {
  const digits = new Uint8Array(Math.ceil((layout.bits * layout.count) / 4) + 3);
  digits[0] = 48; // '0x'
  digits[1] = 120;
  let j = digits.length - 1;
  let acc = 0;
  let accBits = 0;
  for (let k = 0; k < layout.count; k++) {
    acc |= limbs[offset + k]! << accBits;
    accBits += layout.bits;
    while (accBits >= 4) {
      digits[j--] = HEX_CODES[acc & 15]!;
      acc >>>= 4;
      accBits -= 4;
    }
  }
  while (j >= 2) {
    digits[j--] = HEX_CODES[acc & 15]!;
    acc >>>= 4;
  }
  return BigInt(latin1.decode(digits));
}

/**
 * The 5-bit windows of `exponent`, most significant first, always ceil(`totalBits`/5) of them (leading zero
 * windows included), so their number depends only on the modulus size.
 */
export function exponentWindows(exponent: bigint, totalBits: number): Uint8Array {
  const count = Math.ceil(totalBits / WINDOW_BITS);
  const bytes = bigIntToBytes(exponent, Math.ceil((count * WINDOW_BITS) / 8));
  const windows = new Uint8Array(count);
  const bit = (i: number) => (bytes[bytes.length - 1 - (i >> 3)]! >> (i & 7)) & 1;
  for (let w = 0; w < count; w++) {
    const low = (count - 1 - w) * WINDOW_BITS;
    let v = 0;
    for (let b = WINDOW_BITS - 1; b >= 0; b--) v = (v << 1) | bit(low + b);
    windows[w] = v;
  }
  bytes.fill(0);
  return windows;
}
