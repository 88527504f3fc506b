// WebAssembly instruction opcodes, each an exported constant so that a bundler inlines the number at each use (an
// object of opcodes would be shipped whole, and every use would name its property). Import as a namespace:
// `import * as op from './wasm-opcodes.js'`, then `op.i32Add`. Internal module.

export const block = 0x02;
export const loop = 0x03;
export const br = 0x0c;
export const brIf = 0x0d;
export const end = 0x0b;
/** The empty block type (a block, loop or if that takes and leaves nothing). */
export const emptyBlock = 0x40;
export const localGet = 0x20;
export const localSet = 0x21;
export const localTee = 0x22;
export const i32Load = 0x28;
export const i64Load = 0x29;
export const i64Load8U = 0x31;
export const i64Load32U = 0x35;
export const i32Store = 0x36;
export const i64Store = 0x37;
export const i64Store32 = 0x3e;
export const i32Const = 0x41;
export const i64Const = 0x42;
export const i32Eqz = 0x45;
export const i32Eq = 0x46;
export const i32Ne = 0x47;
export const i32LtU = 0x49;
export const i32GtU = 0x4b;
export const i32GeU = 0x4f;
export const i32Add = 0x6a;
export const i32Sub = 0x6b;
export const i32Mul = 0x6c;
export const i32And = 0x71;
export const i32Or = 0x72;
export const i32Xor = 0x73;
export const i32Shl = 0x74;
export const i32ShrU = 0x76;
export const i32Rotl = 0x77;
export const i64Add = 0x7c;
export const i64Sub = 0x7d;
export const i64Mul = 0x7e;
export const i64And = 0x83;
export const i64Or = 0x84;
export const i64Xor = 0x85;
export const i64ShrU = 0x88;
export const i32WrapI64 = 0xa7;
export const i64ExtendI32U = 0xad;
