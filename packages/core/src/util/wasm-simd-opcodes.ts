// WebAssembly SIMD opcodes (after the 0xfd prefix; see `simdOp` in wasm-assembler.ts), each an exported constant
// that a bundler inlines. Import as a namespace: `import * as simd from './wasm-simd-opcodes.js'`. Internal module.

export const load = 0x00;
export const store = 0x0b;
export const i32x4Splat = 0x11;
export const and = 0x4e;
export const or = 0x50;
export const load64Zero = 0x5d;
export const i64x2Add = 0xce;
export const i64x2ExtmulLowI32x4U = 0xde;
