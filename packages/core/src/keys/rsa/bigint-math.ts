// BigInt arithmetic for RSA: byte conversion, sliding-window modular exponentiation, inverses, randomness.
// Internal module: not part of the public API.

/** Two hex digits of every byte value. */
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** Big-endian unsigned bytes → BigInt (empty → 0n). */
export function bytesToBigInt(bytes: Uint8Array): bigint {
  if (bytes.length === 0) return 0n;
  let hex = '0x';
  for (let i = 0; i < bytes.length; i++) hex += HEX[bytes[i]!]!;
  return BigInt(hex);
}

/** The value (0..15) of an ASCII hex digit (0-9, a-f). */
const nibble = (code: number): number => (code <= 57 ? code - 48 : code - 87);

/**
 * BigInt → big-endian unsigned bytes, left-padded to `length` (I2OSP). Without `length` the minimal
 * encoding (at least one byte). Throws RangeError when the value does not fit.
 */
export function bigIntToBytes(value: bigint, length?: number): Uint8Array {
  if (value < 0n) throw new RangeError('negative integer');
  let hex = value.toString(16);
  if (hex.length % 2 === 1) hex = '0' + hex;
  const minimal = hex.length / 2;
  const size = length ?? minimal;
  if (minimal > size) throw new RangeError('integer too large');
  const out = new Uint8Array(size);
  const offset = size - minimal;
  for (let i = 0; i < minimal; i++)
    out[offset + i] = (nibble(hex.charCodeAt(2 * i)) << 4) | nibble(hex.charCodeAt(2 * i + 1));
  return out;
}

/** Number of bits of a non-negative BigInt (0n → 0). */
export function bitLength(value: bigint): number {
  return value === 0n ? 0 : value.toString(2).length;
}

/** Non-negative remainder. */
export function mod(a: bigint, m: bigint): bigint {
  const r = a % m;
  return r < 0n ? r + m : r;
}

/**
 * `base^exponent mod modulus` by left-to-right sliding-window exponentiation (window of up to 5 bits:
 * 16 odd powers precomputed, about bits/6 multiplications besides the squarings).
 */
export function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  if (modulus === 1n) return 0n;
  if (exponent < 0n) throw new RangeError('negative exponent');
  const b = mod(base, modulus);
  const bits = exponent.toString(2);
  const window = bits.length > 512 ? 5 : bits.length > 64 ? 4 : 1;
  // Odd powers b^1, b^3, ..., b^(2^window - 1).
  const b2 = (b * b) % modulus;
  const odd: bigint[] = [b];
  for (let i = 1; i < 1 << (window - 1); i++) odd.push((odd[i - 1]! * b2) % modulus);
  let result = 1n;
  let i = 0;
  while (i < bits.length) {
    if (bits[i] === '0') {
      result = (result * result) % modulus;
      i++;
      continue;
    }
    // Longest window starting here that ends in a 1 bit.
    let end = Math.min(i + window, bits.length);
    while (bits[end - 1] === '0') end--;
    const chunk = parseInt(bits.slice(i, end), 2);
    for (let s = i; s < end; s++) result = (result * result) % modulus;
    result = (result * odd[chunk >> 1]!) % modulus;
    i = end;
  }
  return result;
}

/** Greatest common divisor of non-negative integers. */
export function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/** `a^-1 mod m`; throws RangeError when `a` is not invertible. */
export function modInverse(a: bigint, m: bigint): bigint {
  let [oldR, r] = [mod(a, m), m];
  let [oldS, s] = [1n, 0n];
  while (r !== 0n) {
    const q = oldR / r;
    [oldR, r] = [r, oldR - q * r];
    [oldS, s] = [s, oldS - q * s];
  }
  if (oldR !== 1n) throw new RangeError('not invertible');
  return mod(oldS, m);
}

/** Uniform random BigInt in [min, max) from `crypto.getRandomValues` (rejection sampling). */
export function randomBigIntBetween(min: bigint, max: bigint): bigint {
  if (max <= min) throw new RangeError('empty range');
  const span = max - min;
  const bits = bitLength(span);
  const bytes = new Uint8Array(Math.ceil(bits / 8));
  const topMask = 0xff >> (bytes.length * 8 - bits);
  for (;;) {
    crypto.getRandomValues(bytes);
    bytes[0] = bytes[0]! & topMask;
    const candidate = bytesToBigInt(bytes);
    if (candidate < span) return min + candidate;
  }
}
