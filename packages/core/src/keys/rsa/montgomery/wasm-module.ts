// Generates the WebAssembly module of the Montgomery arithmetic for one limb layout: `mul` (lazy-carry
// Montgomery multiplication, two 32×32→64-bit products per SIMD instruction, inner loop unrolled) and `select`
// (constant-flow table lookup by masks). Internal module.
import { assembleModule, I32, I64, mem, simdOp, sleb, V128, type WasmFunction } from '../../../util/wasm-assembler.js';
import * as op from '../../../util/wasm-opcodes.js';
import * as simd from '../../../util/wasm-simd-opcodes.js';
import { TABLE_SIZE, type LimbLayout } from './limbs.js';

const get = (i: number) => [op.localGet, i];
const set = (i: number) => [op.localSet, i];
const i32 = (v: number) => [op.i32Const, ...sleb(v)];
const i64 = (v: number) => [op.i64Const, ...sleb(v)];

/** Bytes of `mul`'s scratch area. */
export const scratchBytes = (layout: LimbLayout): number => 16 * (layout.count + 2) + 4 * (layout.count + 2);
/** Bytes of the modulus area: n, then 0, n, 0 (16-byte multiple). */
export const modulusBytes = (layout: LimbLayout): number => Math.ceil((4 * (2 * layout.count + 2)) / 16) * 16;

/** Limbs per table slot in memory: the count rounded up to whole 128-bit vectors. */
export const slotStride = (layout: LimbLayout): number => Math.ceil(layout.count / 4) * 4;

/**
 * `mul(r, a, b, n, t, n0)`: pointers to limb arrays (u32, each limb below 2^bits; `n` followed by 0, n, 0: a
 * copy shifted up by one limb) and to a scratch area `t` (2·count + 4 u64 words, then count + 2 u32 words: {@link
 * scratchBytes}); writes
 * `r = a·b·2^(-bits·count) mod n`, below 2n for a, b below 2n. Outer iterations go in pairs so that every
 * 128-bit access of `t` is aligned: the odd one adds `b` and `n` shifted up by one limb. The carry out of
 * each iteration stays in a local (no narrow store into a vector just written).
 */
function mulFunction({ bits, count: N }: LimbLayout): WasmFunction {
  const [r, a, b, n, t, n0] = [0, 1, 2, 3, 4, 5];
  const [i, tp, ap, ai, m, aS, mS, zero, carry, v, bs, ns] = [6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17];
  const mask = 2 ** bits - 1;
  const body: number[] = [];
  // t = 0; bs = b shifted up by one limb; ns = n shifted likewise (stored after n)
  body.push(...i32(0), ...simdOp(simd.i32x4Splat), ...set(zero));
  for (let k = 0; k < N + 2; k++) body.push(...get(t), ...get(zero), ...simdOp(simd.store, [3, 16 * k]));
  body.push(...get(t), ...i32(16 * (N + 2)), op.i32Add, ...set(bs));
  body.push(
    ...get(bs),
    ...i32(0),
    ...mem(op.i32Store, 2, 0),
    ...get(bs),
    ...i32(0),
    ...mem(op.i32Store, 2, 4 * (N + 1)),
  );
  for (let k = 0; k < N; k++)
    body.push(...get(bs), ...get(b), ...mem(op.i32Load, 2, 4 * k), ...mem(op.i32Store, 2, 4 * (k + 1)));
  body.push(...get(n), ...i32(4 * N), op.i32Add, ...set(ns));
  body.push(...get(t), ...set(tp), ...get(a), ...set(ap), ...i32(N / 2), ...set(i), ...i64(0), ...set(carry));
  body.push(op.loop, op.emptyBlock);
  for (const odd of [0, 1]) {
    const [bb, nn, pairs] = odd ? [bs, ns, N / 2 + 1] : [b, n, N / 2];
    // ai = a[i]; m = ((t[i] + carry + ai·b[0]) & mask) · n0 & mask
    body.push(...get(ap), ...mem(op.i64Load32U, 2, 4 * odd), ...set(ai));
    body.push(...get(ap), ...mem(op.i32Load, 2, 4 * odd), ...simdOp(simd.i32x4Splat), ...set(aS));
    body.push(
      ...get(tp),
      ...mem(op.i64Load, 3, 8 * odd),
      ...get(carry),
      op.i64Add,
      ...get(ai),
      ...get(b),
      ...mem(op.i64Load32U, 2, 0),
      op.i64Mul,
      op.i64Add,
    );
    body.push(...i64(mask), op.i64And, ...get(n0), op.i64ExtendI32U, op.i64Mul, ...i64(mask), op.i64And, ...set(m));
    body.push(...get(m), op.i32WrapI64, ...simdOp(simd.i32x4Splat), ...set(mS));
    // t[i-odd+j], t[i-odd+j+1] += ai·bb[j..j+1] + m·nn[j..j+1]
    for (let j = 0; j < 2 * pairs; j += 2) {
      body.push(...get(tp), ...get(tp), ...simdOp(simd.load, [3, 8 * j]));
      body.push(
        ...get(aS),
        ...get(bb),
        ...simdOp(simd.load64Zero, [2, 4 * j]),
        ...simdOp(simd.i64x2ExtmulLowI32x4U),
        ...simdOp(simd.i64x2Add),
      );
      body.push(
        ...get(mS),
        ...get(nn),
        ...simdOp(simd.load64Zero, [2, 4 * j]),
        ...simdOp(simd.i64x2ExtmulLowI32x4U),
        ...simdOp(simd.i64x2Add),
      );
      body.push(...simdOp(simd.store, [3, 8 * j]));
    }
    // carry = (t[i] + carry) >> bits (t[i] + carry is now a multiple of 2^bits)
    body.push(
      ...get(tp),
      ...mem(op.i64Load, 3, 8 * odd),
      ...get(carry),
      op.i64Add,
      ...i64(bits),
      op.i64ShrU,
      ...set(carry),
    );
  }
  body.push(...get(tp), ...i32(16), op.i32Add, ...set(tp), ...get(ap), ...i32(8), op.i32Add, ...set(ap));
  body.push(...get(i), ...i32(1), op.i32Sub, op.localTee, i, op.brIf, 0, op.end);
  // r = normalized t[N..2N-1] plus the last carry (tp now points at t[N])
  for (let k = 0; k < N; k++) {
    body.push(...get(tp), ...mem(op.i64Load, 3, 8 * k), ...get(carry), op.i64Add, ...set(v));
    body.push(...get(r), ...get(v), ...i64(mask), op.i64And, ...mem(op.i64Store32, 2, 4 * k));
    body.push(...get(v), ...i64(bits), op.i64ShrU, ...set(carry));
  }
  return {
    name: 'mul',
    params: [I32, I32, I32, I32, I32, I32],
    results: [],
    locals: [I32, I32, I32, I64, I64, V128, V128, V128, I64, I64, I32, I32],
    body,
  };
}

/** `select(dst, table, index)`: dst = table[index] over the 32 slots of `stride` limbs, by masks. */
function selectFunction(layout: LimbLayout): WasmFunction {
  const [dst, table, index] = [0, 1, 2];
  const [e, mask, zero, src] = [3, 4, 5, 6];
  const vectors = slotStride(layout) / 4;
  const body: number[] = [];
  body.push(...i32(0), ...simdOp(simd.i32x4Splat), ...set(zero));
  for (let k = 0; k < vectors; k++) body.push(...get(dst), ...get(zero), ...simdOp(simd.store, [2, 16 * k]));
  body.push(...get(table), ...set(src), ...i32(0), ...set(e));
  body.push(op.loop, op.emptyBlock);
  // mask = splat(-(e == index))
  body.push(...i32(0), ...get(e), ...get(index), op.i32Eq, op.i32Sub, ...simdOp(simd.i32x4Splat), ...set(mask));
  for (let k = 0; k < vectors; k++) {
    body.push(...get(dst), ...get(dst), ...simdOp(simd.load, [2, 16 * k]));
    body.push(...get(src), ...simdOp(simd.load, [2, 16 * k]), ...get(mask), ...simdOp(simd.and), ...simdOp(simd.or));
    body.push(...simdOp(simd.store, [2, 16 * k]));
  }
  body.push(...get(src), ...i32(16 * vectors), op.i32Add, ...set(src));
  body.push(...get(e), ...i32(1), op.i32Add, op.localTee, e, ...i32(TABLE_SIZE), op.i32LtU, op.brIf, 0, op.end);
  return { name: 'select', params: [I32, I32, I32], results: [], locals: [I32, V128, V128, I32], body };
}

/** The module bytes for `layout` (importing `env.memory` of at least one page). */
export function montgomeryModuleBytes(layout: LimbLayout): Uint8Array<ArrayBuffer> {
  return assembleModule([mulFunction(layout), selectFunction(layout)], 1);
}
