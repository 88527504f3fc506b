import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bigIntToBytes,
  bitLength,
  bytesToBigInt,
  gcd,
  mod,
  modInverse,
  modPow,
  randomBigIntBetween,
} from './bigint-math.js';

function naiveModPow(b: bigint, e: bigint, m: bigint): bigint {
  let r = 1n;
  b %= m;
  while (e > 0n) {
    if (e & 1n) r = (r * b) % m;
    b = (b * b) % m;
    e >>= 1n;
  }
  return r % m;
}

const big = (bytes: number) => fc.uint8Array({ minLength: 1, maxLength: bytes }).map(bytesToBigInt);

describe('bigint-math', () => {
  it('bytes <-> BigInt round-trip with I2OSP padding', () => {
    expect(bytesToBigInt(new Uint8Array([]))).toBe(0n);
    expect(bytesToBigInt(new Uint8Array([1, 0]))).toBe(256n);
    expect(bigIntToBytes(256n)).toEqual(new Uint8Array([1, 0]));
    expect(bigIntToBytes(0n)).toEqual(new Uint8Array([0]));
    expect(bigIntToBytes(1n, 4)).toEqual(new Uint8Array([0, 0, 0, 1]));
    expect(() => bigIntToBytes(65536n, 2)).toThrow(RangeError);
    expect(() => bigIntToBytes(-1n)).toThrow(RangeError);
  });

  it('bytes <-> BigInt agree with a byte-by-byte reference (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 600 }), (bytes) => {
        const reference = bytes.reduce((acc, b) => acc * 256n + BigInt(b), 0n);
        expect(bytesToBigInt(bytes)).toBe(reference);
        expect(bigIntToBytes(reference, bytes.length)).toEqual(bytes);
        const first = bytes.findIndex((b) => b !== 0);
        expect(bigIntToBytes(reference)).toEqual(first === -1 ? new Uint8Array([0]) : bytes.subarray(first));
      }),
      { numRuns: 300 },
    );
  });

  it('modPow agrees with square-and-multiply for every window size', () => {
    fc.assert(
      fc.property(big(40), big(100), big(80), (b, e, m) => {
        const modulus = m < 2n ? m + 2n : m;
        expect(modPow(b, e, modulus)).toBe(naiveModPow(b, e, modulus));
      }),
      { numRuns: 200 },
    );
    expect(modPow(5n, 0n, 7n)).toBe(1n);
    expect(modPow(5n, 3n, 1n)).toBe(0n);
    expect(modPow(-2n, 3n, 7n)).toBe(6n);
  });

  it('modInverse, gcd, mod, bitLength', () => {
    expect(modInverse(3n, 11n)).toBe(4n);
    expect(() => modInverse(6n, 9n)).toThrow(RangeError);
    expect(gcd(12n, 18n)).toBe(6n);
    expect(mod(-3n, 5n)).toBe(2n);
    expect(bitLength(0n)).toBe(0);
    expect(bitLength(255n)).toBe(8);
    fc.assert(
      fc.property(big(64), (a) => {
        const m = (1n << 127n) - 1n; // prime
        const x = a % m === 0n ? 1n : a;
        expect(mod(x * modInverse(x, m), m)).toBe(1n);
      }),
      { numRuns: 100 },
    );
  });

  it('randomBigIntBetween stays in range', () => {
    for (let i = 0; i < 200; i++) {
      const r = randomBigIntBetween(5n, 9n);
      expect(r >= 5n && r < 9n).toBe(true);
    }
    expect(() => randomBigIntBetween(3n, 3n)).toThrow(RangeError);
  });
});
