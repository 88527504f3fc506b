// CRC-64/XZ in WebAssembly (checksum-wasm.ts): the same value as `crc64()` / `Crc64`, several times faster on large
// buffers (what transfers checksum every part with). Where the runtime forbids compiling WebAssembly (workerd), the
// same functions run the JavaScript `Crc64` (crc64.ts, loaded with import() only there).
import { checksumWasm, type ChecksumWasm } from './checksum-wasm.js';
import { wasmOrJs } from './wasm-support.js';

/**
 * The CRC-64/XZ (`x-oss-hash-crc64ecma`) of `data`, computed in WebAssembly; with `previous`, of the bytes whose
 * CRC-64 that is followed by `data` (a running checksum of pieces read in order).
 *
 * @example
 * ```ts
 * import { crc64, crc64Wasm } from '@oss-cse/core';
 * declare const partCiphertext: Uint8Array, next: Uint8Array;
 * const crc = await crc64Wasm(partCiphertext); // === crc64(partCiphertext)
 * await crc64Wasm(next, crc); // === crc64 of partCiphertext followed by next
 * ```
 */
export async function crc64Wasm(data: Uint8Array, previous = 0n): Promise<bigint> {
  return wasmOrJs(
    async () => (await checksumWasm()).crc64(previous, data),
    async () => (await import('./crc64.js')).crc64(data, previous),
  );
}

/** An incremental CRC-64/XZ whose `update` is synchronous (the caller may reuse its buffer once it returns). */
export interface Crc64Hasher {
  /** Adds `data` to the checksum; returns this. */
  update(data: Uint8Array): Crc64Hasher;
  /** The checksum of everything passed to `update`; the hasher is finished afterwards. */
  value(): bigint;
}

/**
 * An incremental CRC-64/XZ in WebAssembly (creating it is asynchronous, updating is not).
 *
 * @example
 * ```ts
 * import { createCrc64Wasm } from '@oss-cse/core';
 * declare const body: AsyncIterable<Uint8Array>;
 * const crc = await createCrc64Wasm();
 * for await (const chunk of body) crc.update(chunk);
 * crc.value(); // === crc64(all bytes)
 * ```
 */
export async function createCrc64Wasm(): Promise<Crc64Hasher> {
  return wasmOrJs(
    async () => wasmHasher(await checksumWasm()),
    async () => (await import('./crc64.js')).jsHasher(),
  );
}

function wasmHasher(wasm: ChecksumWasm): Crc64Hasher {
  let crc = 0n;
  let finished = false;
  const hasher: Crc64Hasher = {
    update(data) {
      if (finished) throw new TypeError('this CRC-64 hasher has already produced its value');
      crc = wasm.crc64(crc, data);
      return hasher;
    },
    value() {
      finished = true;
      return crc;
    },
  };
  return hasher;
}
