// Generates the WebAssembly function of CRC-64/XZ (slicing-by-8, the same algorithm as crc64.ts with 64-bit words):
// `crc64(crc, p, len)` continues `crc` over `len` bytes at `p`, reading eight 2 KiB tables of u64 at memory offset 0
// ({@link crc64Tables} writes them). Internal module.
import { I32, I64, mem, sleb, type WasmFunction } from '../util/wasm-assembler.js';
import * as op from '../util/wasm-opcodes.js';
import { POLY_HI, POLY_LO } from './crc64-combine.js';

/** Bytes of the eight tables at the start of memory. */
export const CRC64_TABLE_BYTES = 8 * 256 * 8;

/** Writes the slicing-by-8 tables (table k: the CRC of byte n followed by k zero bytes) at `memory[0..]`. */
export function crc64Tables(memory: ArrayBuffer): void {
  const view = new DataView(memory, 0, CRC64_TABLE_BYTES);
  const poly = (BigInt(POLY_HI) << 32n) | BigInt(POLY_LO);
  const t0: bigint[] = [];
  for (let n = 0; n < 256; n++) {
    let c = BigInt(n);
    for (let bit = 0; bit < 8; bit++) c = c & 1n ? (c >> 1n) ^ poly : c >> 1n;
    t0.push(c);
  }
  let previous = t0;
  for (let k = 0; k < 8; k++) {
    const table = k === 0 ? t0 : previous.map((c) => (c >> 8n) ^ (t0[Number(c & 0xffn)] as bigint));
    table.forEach((c, n) => view.setBigUint64(8 * (256 * k + n), c, true));
    previous = table;
  }
}

const get = (i: number) => [op.localGet, i];
const set = (i: number) => [op.localSet, i];
const i32 = (v: number) => [op.i32Const, ...sleb(v)];
const i64 = (v: number) => [op.i64Const, ...sleb(v)];
/** The table-k entry of the byte on the stack (an i32 below 256). */
const lookup = (k: number) => [...i32(3), op.i32Shl, ...mem(op.i64Load, 3, 2048 * k)];

/** One slicing-by-8 step over the 8 bytes at `p + offset`: x = crc ^ word; crc = T7[x & 0xff] ^ … ^ T0[x >> 56]. */
function step(crc: number, p: number, offset: number): number[] {
  const body = [...get(crc), ...get(p), ...mem(op.i64Load, 3, offset), op.i64Xor, ...set(crc)];
  for (let i = 0; i < 8; i++) {
    body.push(...get(crc));
    if (i > 0) body.push(...i64(8 * i), op.i64ShrU);
    body.push(op.i32WrapI64, ...i32(0xff), op.i32And, ...lookup(7 - i));
    if (i > 0) body.push(op.i64Xor);
  }
  return [...body, ...set(crc)];
}

/** A loop running `steps` slicing-by-8 steps per turn while `p + 8·steps` does not pass `limit`. */
function loop(crc: number, p: number, limit: number, steps: number): number[] {
  const body: number[] = [op.block, op.emptyBlock, op.loop, op.emptyBlock];
  body.push(...get(p), ...i32(8 * steps), op.i32Add, ...get(limit), op.i32GtU, op.brIf, 1);
  for (let k = 0; k < steps; k++) body.push(...step(crc, p, 8 * k));
  body.push(...get(p), ...i32(8 * steps), op.i32Add, ...set(p), op.br, 0, op.end, op.end);
  return body;
}

/** `crc64(crc: i64, p: i32, len: i32) -> i64`: the CRC-64/XZ of the bytes already summed in `crc`, then `p[0..len)`. */
export function crc64Function(): WasmFunction {
  const [crc, p, len, end] = [0, 1, 2, 3];
  const body: number[] = [];
  body.push(...get(crc), ...i64(-1), op.i64Xor, ...set(crc));
  body.push(...get(p), ...get(len), op.i32Add, ...set(end));
  // 32 bytes per turn (four steps: less loop overhead), then 8, then the rest byte by byte:
  // crc = T0[(crc ^ byte) & 0xff] ^ (crc >> 8)
  body.push(...loop(crc, p, end, 4), ...loop(crc, p, end, 1));
  body.push(op.block, op.emptyBlock, op.loop, op.emptyBlock);
  body.push(...get(p), ...get(end), op.i32GeU, op.brIf, 1);
  body.push(...get(crc), ...i64(8), op.i64ShrU);
  body.push(...get(crc), ...get(p), ...mem(op.i64Load8U, 0, 0), op.i64Xor, op.i32WrapI64, ...i32(0xff), op.i32And);
  body.push(...lookup(0), op.i64Xor, ...set(crc));
  body.push(...get(p), ...i32(1), op.i32Add, ...set(p), op.br, 0, op.end, op.end);
  body.push(...get(crc), ...i64(-1), op.i64Xor);
  return { name: 'crc64', params: [I64, I32, I32], results: [I64], locals: [I32], body };
}
