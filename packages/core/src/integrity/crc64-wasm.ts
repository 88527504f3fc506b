// CRC-64/XZ through hash-wasm's WebAssembly: the same value as `crc64()`, about four times faster on large
// buffers (what transfers checksum every part with).
import { crc64 as wasmCrc64 } from 'hash-wasm';

/**
 * The CRC-64/XZ (`x-oss-hash-crc64ecma`) of `data`, computed in WebAssembly.
 *
 * @example
 * ```ts
 * const crc = await crc64Wasm(partCiphertext); // === crc64(partCiphertext)
 * ```
 */
export async function crc64Wasm(data: Uint8Array): Promise<bigint> {
  return BigInt(`0x${await wasmCrc64(data)}`);
}
