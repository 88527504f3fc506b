// Montgomery arithmetic in plain JavaScript over a Float64Array: limbs of up to 22 bits, so every product
// (< 2^44) and every lazily accumulated column (< 2^53) is an exact double. The fallback where WebAssembly
// cannot be compiled at run time (workerd) or lacks SIMD. Internal module.
import type { MontgomeryArithmetic, MontgomeryConstants } from './arithmetic.js';
import { readLimbs, SLOT, SLOT_COUNT, TABLE_SIZE, writeLimbs } from './limbs.js';

export function createJsArithmetic(constants: MontgomeryConstants): MontgomeryArithmetic {
  const { layout, n0 } = constants;
  const N = layout.count;
  const base = 2 ** layout.bits;
  const inv = 2 ** -layout.bits;
  const slots = new Float64Array(SLOT_COUNT * N);
  const n = new Float64Array(N);
  const t = new Float64Array(2 * N + 1);
  writeLimbs(constants.modulus, layout, n, 0);

  function mul(dst: number, a: number, b: number): void {
    const ao = a * N;
    const bo = b * N;
    t.fill(0);
    for (let i = 0; i < N; i++) {
      const ai = slots[ao + i]!;
      const u0 = t[i]! + ai * slots[bo]!;
      const u = u0 - Math.floor(u0 * inv) * base;
      const m0 = u * n0;
      const m = m0 - Math.floor(m0 * inv) * base;
      for (let j = 0; j < N; j++) t[i + j] = t[i + j]! + ai * slots[bo + j]! + m * n[j]!;
      t[i + 1] = t[i + 1]! + t[i]! * inv;
    }
    const d = dst * N;
    let carry = 0;
    for (let k = 0; k < N; k++) {
      const v = t[N + k]! + carry;
      carry = Math.floor(v * inv);
      slots[d + k] = v - carry * base;
    }
    t.fill(0);
  }

  function select(dst: number, index: number): void {
    const d = dst * N;
    for (let k = 0; k < N; k++) slots[d + k] = 0;
    for (let e = 0; e < TABLE_SIZE; e++) {
      // 1 when e === index, else 0, without a branch: (e ^ index) - 1 is negative only for 0.
      const hit = ((e ^ index) - 1) >>> 31;
      const o = e * N;
      for (let k = 0; k < N; k++) slots[d + k] = slots[d + k]! + slots[o + k]! * hit;
    }
  }

  return {
    layout,
    kind: 'js',
    write: (slot, value) => writeLimbs(value, layout, slots, slot * N),
    read: (slot) => readLimbs(slots, slot * N, layout),
    mul,
    select,
    wipe: () => slots.fill(0, 0, SLOT.r2 * N),
  };
}
