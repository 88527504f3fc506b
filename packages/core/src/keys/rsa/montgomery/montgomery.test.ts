// Montgomery arithmetic (WebAssembly SIMD and JavaScript) against BigInt: multiplication, table lookup, secret
// and public exponentiation, limb conversions, on random odd moduli of every size the RSA keys use.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesToBigInt, mod, modInverse, modPow } from '../bigint-math.js';
import type { MontgomeryArithmetic } from './arithmetic.js';
import { createJsArithmetic } from './js-arithmetic.js';
import { chooseLayout, exponentWindows, readLimbs, SLOT, TABLE_SIZE, writeLimbs } from './limbs.js';
import { createMontgomeryModulus, type MontgomeryImplementation } from './modulus.js';
import { createWasmArithmetic } from './wasm-arithmetic.js';

/** A random odd modulus of exactly `bits` bits. */
const oddModulus = (bits: number) =>
  fc.uint8Array({ minLength: Math.ceil(bits / 8), maxLength: Math.ceil(bits / 8) }).map((b) => {
    const x = bytesToBigInt(b) & ((1n << BigInt(bits)) - 1n);
    return x | (1n << BigInt(bits - 1)) | 1n;
  });
const below = (m: bigint) =>
  fc.uint8Array({ minLength: 1, maxLength: Math.ceil(m.toString(2).length / 8) + 1 }).map((b) => bytesToBigInt(b) % m);

async function arithmetics(modulus: bigint): Promise<MontgomeryArithmetic[]> {
  const constants = (bits: number, count: number) => {
    const word = 1n << BigInt(bits);
    return { layout: { bits, count }, modulus, n0: Number(word - modInverse(modulus % word, word)) % 2 ** bits };
  };
  const js = chooseLayout(modulus, 53, [22, 20, 18]);
  const wasm = chooseLayout(modulus, 64, [28, 26, 24]);
  const out = [createJsArithmetic(constants(js.bits, js.count))];
  const w = await createWasmArithmetic(constants(wasm.bits, wasm.count));
  if (w) out.push(w);
  return out;
}

describe('Montgomery arithmetic', () => {
  it('runs on WebAssembly SIMD in this runtime (Node, Chromium)', async () => {
    expect((await createMontgomeryModulus(1000003n)).kind).toBe('wasm-simd');
    expect((await createMontgomeryModulus(1000003n, 'js')).kind).toBe('js');
  });

  it('limbs round-trip any value below 2^(bits·count)', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 0, maxLength: 140 }),
        fc.constantFrom(18, 20, 22, 24, 26, 28),
        (bytes, bits) => {
          const count = Math.ceil((bytes.length * 8 + 1) / bits) + 1;
          const value = bytesToBigInt(bytes);
          const limbs = new Float64Array(count + 2);
          writeLimbs(value, { bits, count }, limbs, 1);
          expect(limbs.every((l) => l < 2 ** bits)).toBe(true);
          expect(readLimbs(limbs, 1, { bits, count })).toBe(value);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('mul gives a·b·R^-1 mod n, below 2n, for inputs below 2n (property, 64..4100-bit moduli)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 64, max: 4100 }).chain((bits) => oddModulus(bits)),
        fc.nat(),
        async (n, seed) => {
          for (const arith of await arithmetics(n)) {
            const R = 1n << BigInt(arith.layout.bits * arith.layout.count);
            const rInv = modInverse(R % n, n);
            const a = (n * 2n - 1n - BigInt(seed)) % (2n * n);
            const b = (BigInt(seed) * 7919n + n) % (2n * n);
            arith.write(SLOT.base, a);
            arith.write(SLOT.tmp, b);
            arith.mul(SLOT.acc, SLOT.base, SLOT.tmp);
            const r = arith.read(SLOT.acc);
            expect(r < 2n * n, arith.kind).toBe(true);
            expect(mod(r, n), arith.kind).toBe(mod(a * b * rInv, n));
            arith.mul(SLOT.base, SLOT.base, SLOT.base); // in place
            expect(mod(arith.read(SLOT.base), n), arith.kind).toBe(mod(a * a * rInv, n));
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('select reads table[index] for every index', async () => {
    const n = (1n << 1023n) + 12345n * 2n + 1n;
    for (const arith of await arithmetics(n)) {
      for (let k = 0; k < TABLE_SIZE; k++) arith.write(k, n - BigInt(k) * 1000003n);
      for (let k = 0; k < TABLE_SIZE; k++) {
        arith.select(SLOT.tmp, k);
        expect(arith.read(SLOT.tmp), arith.kind).toBe(n - BigInt(k) * 1000003n);
      }
      arith.wipe();
      expect(arith.read(0)).toBe(0n);
    }
  });

  it('exponent windows: ceil(bits/5) of them, most significant first, whatever the exponent', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: (1n << 1030n) - 1n }), (e) => {
        const w = exponentWindows(e, 1030);
        expect(w.length).toBe(206);
        expect(w.reduce((acc, x) => acc * 32n + BigInt(x), 0n)).toBe(e);
      }),
      { numRuns: 100 },
    );
  });

  for (const implementation of ['auto', 'js'] as MontgomeryImplementation[]) {
    it(`powSecret and powPublic agree with BigInt modPow (${implementation}, property)`, async () => {
      await fc.assert(
        fc.asyncProperty(
          fc
            .integer({ min: 64, max: 2100 })
            .chain((bits) => oddModulus(bits).chain((n) => fc.tuple(fc.constant(n), below(n), below(n)))),
          async ([n, base, e]) => {
            const m = await createMontgomeryModulus(n, implementation);
            expect(m.powSecret(base, m.prepareExponent(e))).toBe(modPow(base, e, n));
            expect(m.powPublic(base, e % 100000n)).toBe(modPow(base, e % 100000n, n));
            expect(m.powPublic(base, 0n)).toBe(1n);
          },
        ),
        { numRuns: implementation === 'js' ? 15 : 40 },
      );
    });
  }

  it('edge bases: 0, 1, n-1', async () => {
    const n = (1n << 1024n) - 105n; // odd
    for (const implementation of ['auto', 'js'] as MontgomeryImplementation[]) {
      const m = await createMontgomeryModulus(n, implementation);
      const e = (1n << 1023n) + 77n;
      for (const base of [0n, 1n, n - 1n]) expect(m.powSecret(base, m.prepareExponent(e))).toBe(modPow(base, e, n));
    }
  });
});
