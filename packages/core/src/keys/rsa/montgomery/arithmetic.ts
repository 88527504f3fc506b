// What an implementation of Montgomery arithmetic offers the exponentiation driver (modulus.ts): storage
// slots of `layout.count` limbs, a multiplication and a constant-flow table lookup. Internal module.
import type { LimbLayout } from './limbs.js';

export interface MontgomeryArithmetic {
  readonly layout: LimbLayout;
  /** Which implementation this is (reported by the benchmark). */
  readonly kind: 'wasm-simd' | 'js';
  /** Stores `value` (below 2·modulus) in `slot`. */
  write(slot: number, value: bigint): void;
  /** Reads `slot` back. */
  read(slot: number): bigint;
  /** `dst = a · b · R^-1` (mod modulus, below 2·modulus); `dst` may be `a` or `b`. */
  mul(dst: number, a: number, b: number): void;
  /** `dst = table[index]` (slots 0..31), reading every table slot whatever `index` is. */
  select(dst: number, index: number): void;
  /** Zeroes every slot except the modulus constants. */
  wipe(): void;
}

/** The per-modulus constants both implementations need. */
export interface MontgomeryConstants {
  readonly layout: LimbLayout;
  readonly modulus: bigint;
  /** -modulus^-1 mod 2^bits. */
  readonly n0: number;
}
