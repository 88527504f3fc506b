// Modular exponentiation modulo one odd modulus by Montgomery multiplication: fixed 5-bit windows for secret
// exponents (the same squarings, multiplications and table reads whatever the exponent), plain
// square-and-multiply for public ones. Runs on the WebAssembly SIMD arithmetic where the runtime allows it,
// else on the JavaScript one. Internal module.
import { bitLength, mod, modInverse, modPow } from '../bigint-math.js';
import type { MontgomeryArithmetic } from './arithmetic.js';
import { chooseLayout, exponentWindows, SLOT, TABLE_SIZE, WINDOW_BITS } from './limbs.js';
import { createJsArithmetic } from './js-arithmetic.js';
import { createWasmArithmetic } from './wasm-arithmetic.js';

/** Which arithmetic to use: the fastest this runtime runs (default), or JavaScript only. */
export type MontgomeryImplementation = 'auto' | 'js';

export interface MontgomeryModulus {
  readonly modulus: bigint;
  readonly kind: MontgomeryArithmetic['kind'];
  /** A secret exponent prepared once: its fixed windows. */
  prepareExponent(exponent: bigint): Uint8Array;
  /** `base^exponent mod modulus` for `0 <= base < modulus`, with windows from {@link prepareExponent}. */
  powSecret(base: bigint, windows: Uint8Array): bigint;
  /** `base^exponent mod modulus` for a public exponent (its bits decide the steps; BigInt on the JS arithmetic). */
  powPublic(base: bigint, exponent: bigint): bigint;
}

/** Montgomery exponentiation modulo the odd `modulus` (> 2). */
export async function createMontgomeryModulus(
  modulus: bigint,
  implementation: MontgomeryImplementation = 'auto',
): Promise<MontgomeryModulus> {
  const wasmLayout = chooseLayout(modulus, 64, [28, 26, 24]);
  const wasmArith =
    implementation === 'auto'
      ? await createWasmArithmetic(constantsFor(modulus, wasmLayout.bits, wasmLayout.count))
      : undefined;
  const arith = wasmArith ?? jsArithmetic(modulus);
  const { bits, count } = arith.layout;
  const R = 1n << BigInt(bits * count);
  arith.write(SLOT.r2, mod(R * R, modulus));
  arith.write(SLOT.one, 1n);
  const modulusBits = bitLength(modulus);

  /** x·R into `slot` from a plain value in SLOT.base. */
  const toMontgomery = (slot: number, value: bigint) => {
    arith.write(SLOT.base, value);
    arith.mul(slot, SLOT.base, SLOT.r2);
  };
  /** Leaves Montgomery form: the result of a·1·R^-1 is at most the modulus. */
  const fromMontgomery = (slot: number): bigint => {
    arith.mul(slot, slot, SLOT.one);
    return mod(arith.read(slot), modulus);
  };

  return {
    modulus,
    kind: arith.kind,
    prepareExponent: (exponent) => exponentWindows(exponent, modulusBits),
    powSecret(base, windows) {
      try {
        toMontgomery(1, base);
        toMontgomery(0, 1n);
        for (let k = 2; k < TABLE_SIZE; k++) arith.mul(k, k - 1, 1);
        arith.select(SLOT.acc, windows[0]!);
        for (let w = 1; w < windows.length; w++) {
          for (let s = 0; s < WINDOW_BITS; s++) arith.mul(SLOT.acc, SLOT.acc, SLOT.acc);
          arith.select(SLOT.tmp, windows[w]!);
          arith.mul(SLOT.acc, SLOT.acc, SLOT.tmp);
        }
        return fromMontgomery(SLOT.acc);
      } finally {
        arith.wipe();
      }
    },
    powPublic(base, exponent) {
      try {
        // BigInt where it is faster: the JavaScript arithmetic, and exponents the loop below does not take.
        if (arith.kind === 'js' || exponent < 2n || exponent % 2n === 0n) return modPow(base, exponent, modulus);
        // x·R in tmp; square-and-multiply on it; the last step multiplies by the plain x, which leaves
        // Montgomery form with no extra multiplication.
        arith.write(SLOT.base, base);
        arith.mul(SLOT.tmp, SLOT.base, SLOT.r2);
        const bitsOf = exponent.toString(2);
        let acc = SLOT.tmp;
        for (let i = 1; i < bitsOf.length; i++) {
          arith.mul(SLOT.acc, acc, acc);
          acc = SLOT.acc;
          if (bitsOf[i] === '1') arith.mul(SLOT.acc, SLOT.acc, i === bitsOf.length - 1 ? SLOT.base : SLOT.tmp);
        }
        return mod(arith.read(SLOT.acc), modulus);
      } finally {
        arith.wipe();
      }
    },
  };
}

function constantsFor(modulus: bigint, bits: number, count: number) {
  const word = 1n << BigInt(bits);
  return { layout: { bits, count }, modulus, n0: Number(word - modInverse(modulus % word, word)) % 2 ** bits };
}

function jsArithmetic(modulus: bigint): MontgomeryArithmetic {
  const { bits, count } = chooseLayout(modulus, 53, [22, 20, 18]);
  return createJsArithmetic(constantsFor(modulus, bits, count));
}
