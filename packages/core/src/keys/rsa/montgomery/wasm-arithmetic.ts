// Montgomery arithmetic in WebAssembly with 128-bit SIMD: limbs of up to 28 bits in u32 memory, 64-bit lazy
// accumulators. One compiled module per limb layout (cached), one instance and memory per modulus.
// Internal module.
import { wasmCodegenAllowed, wasmOrJs } from '../../../integrity/wasm-support.js';
import type { MontgomeryArithmetic, MontgomeryConstants } from './arithmetic.js';
import { readLimbs, SLOT, SLOT_COUNT, writeLimbs, type LimbLayout } from './limbs.js';
import { modulusBytes, montgomeryModuleBytes, scratchBytes, slotStride } from './wasm-module.js';

interface Exports {
  mul(r: number, a: number, b: number, n: number, t: number, n0: number): void;
  select(dst: number, table: number, index: number): void;
}

const modules = new Map<string, Promise<WebAssembly.Module | undefined>>();

/** The compiled module for `layout`, or undefined where WebAssembly (with SIMD) is unavailable. */
function moduleFor(layout: LimbLayout): Promise<WebAssembly.Module | undefined> {
  const key = `${layout.bits}/${layout.count}`;
  let module = modules.get(key);
  if (module === undefined) {
    module = (async () => {
      if (!wasmCodegenAllowed()) return undefined;
      const bytes = montgomeryModuleBytes(layout);
      if (!WebAssembly.validate(bytes)) return undefined;
      return WebAssembly.compile(bytes);
    })().catch(() => undefined);
    modules.set(key, module);
  }
  return module;
}

/** Wasm arithmetic for `constants`, or undefined where this runtime cannot run it. */
export async function createWasmArithmetic(constants: MontgomeryConstants): Promise<MontgomeryArithmetic | undefined> {
  const { layout } = constants;
  const module = await moduleFor(layout);
  if (module === undefined) return undefined;
  const stride = slotStride(layout);
  const slotBytes = stride * 4;
  const nOffset = SLOT_COUNT * slotBytes;
  const tOffset = nOffset + modulusBytes(layout);
  const totalBytes = tOffset + scratchBytes(layout);
  // Where there is no room for one more WebAssembly memory, the caller uses the JavaScript arithmetic.
  const instantiated = await wasmOrJs(
    async () => {
      const memory = new WebAssembly.Memory({ initial: Math.ceil(totalBytes / 65536) });
      return { memory, instance: await WebAssembly.instantiate(module, { env: { memory } }) };
    },
    async () => undefined,
  );
  if (instantiated === undefined) return undefined;
  const { memory, instance } = instantiated;
  const wasm = instance.exports as unknown as Exports;
  const words = new Uint32Array(memory.buffer);
  writeLimbs(constants.modulus, layout, words, nOffset / 4);
  writeLimbs(constants.modulus, layout, words, nOffset / 4 + layout.count + 1);
  const at = (slot: number) => slot * slotBytes;
  const n0 = constants.n0;
  return {
    layout,
    kind: 'wasm-simd',
    write: (slot, value) => writeLimbs(value, layout, words, slot * stride),
    read: (slot) => readLimbs(words, slot * stride, layout),
    mul: (dst, a, b) => wasm.mul(at(dst), at(a), at(b), nOffset, tOffset, n0),
    select: (dst, index) => wasm.select(at(dst), 0, index),
    wipe: () => {
      words.fill(0, 0, SLOT.r2 * stride);
      words.fill(0, tOffset / 4);
    },
  };
}
