// Generates the WebAssembly function of MD5's compression (RFC 1321, its 64 steps unrolled): `md5(state, p, n)`
// runs `n` 64-byte blocks at `p` through the four state words at `state`. Padding and the partial last block are
// the caller's (plaintext-md5.ts). Internal module.
import { I32, mem, sleb, type WasmFunction } from '../util/wasm-assembler.js';
import * as op from '../util/wasm-opcodes.js';

const get = (i: number) => [op.localGet, i];
const set = (i: number) => [op.localSet, i];
const i32 = (v: number) => [op.i32Const, ...sleb(v | 0)];

/** Per-step left rotations, four per round. */
const SHIFTS = [7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21];

/** The round function of step `i` over the locals b, c, d (left on the stack). */
function round(i: number, b: number, c: number, d: number): number[] {
  if (i < 16) return [...get(d), ...get(b), ...get(c), ...get(d), op.i32Xor, op.i32And, op.i32Xor]; // d ^ (b & (c ^ d))
  if (i < 32) return [...get(c), ...get(d), ...get(b), ...get(c), op.i32Xor, op.i32And, op.i32Xor]; // c ^ (d & (b ^ c))
  if (i < 48) return [...get(b), ...get(c), op.i32Xor, ...get(d), op.i32Xor]; // b ^ c ^ d
  return [...get(c), ...get(b), ...get(d), ...i32(-1), op.i32Xor, op.i32Or, op.i32Xor]; // c ^ (b | ~d)
}

/** The message word step `i` reads. */
function word(i: number): number {
  if (i < 16) return i;
  if (i < 32) return (5 * i + 1) % 16;
  if (i < 48) return (3 * i + 5) % 16;
  return (7 * i) % 16;
}

/** `md5(state: i32, p: i32, n: i32)`: n ≥ 1 blocks. */
export function md5Function(): WasmFunction {
  const [state, p, n] = [0, 1, 2];
  const [a0, b0, c0, d0, a1, b1, c1, d1] = [3, 4, 5, 6, 7, 8, 9, 10];
  const body: number[] = [];
  [a0, b0, c0, d0].forEach((local, k) => body.push(...get(state), ...mem(op.i32Load, 2, 4 * k), ...set(local)));
  body.push(op.loop, op.emptyBlock);
  body.push(...get(a0), ...set(a1), ...get(b0), ...set(b1), ...get(c0), ...set(c1), ...get(d0), ...set(d1));
  let [a, b, c, d] = [a0, b0, c0, d0];
  for (let i = 0; i < 64; i++) {
    // a = b + rotl(a + f(b, c, d) + K[i] + M[g], s), then the roles rotate: (a, b, c, d) = (d, a, b, c)
    const k = Math.floor(Math.abs(Math.sin(i + 1)) * 2 ** 32);
    body.push(...get(a), ...round(i, b, c, d), op.i32Add, ...i32(k), op.i32Add);
    body.push(...get(p), ...mem(op.i32Load, 2, 4 * word(i)), op.i32Add);
    body.push(...i32(SHIFTS[4 * Math.floor(i / 16) + (i % 4)] as number), op.i32Rotl, ...get(b), op.i32Add, ...set(a));
    [a, b, c, d] = [d, a, b, c];
  }
  [
    [a0, a1],
    [b0, b1],
    [c0, c1],
    [d0, d1],
  ].forEach(([x, saved]) => body.push(...get(x as number), ...get(saved as number), op.i32Add, ...set(x as number)));
  body.push(...get(p), ...i32(64), op.i32Add, ...set(p));
  body.push(...get(n), ...i32(1), op.i32Sub, op.localTee, n, op.brIf, 0, op.end);
  [a0, b0, c0, d0].forEach((local, k) => body.push(...get(state), ...get(local), ...mem(op.i32Store, 2, 4 * k)));
  return { name: 'md5', params: [I32, I32, I32], results: [], locals: Array(8).fill(I32), body };
}
