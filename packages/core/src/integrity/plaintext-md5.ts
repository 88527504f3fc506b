// MD5 of plaintext (WebCrypto has none), for `unencrypted-content-md5` on write and its check on read: the block
// function in WebAssembly (checksum-wasm.ts), the framing in md5-framing.ts; the JavaScript MD5
// (md5-js.ts, loaded on demand) where the runtime forbids compiling WebAssembly (workerd).
import { checksumWasm } from './checksum-wasm.js';
import { md5Accumulator } from './md5-framing.js';
import { wasmOrJs } from './wasm-support.js';

/** An incremental MD5 whose result is base64, as `Content-MD5` and the CSE header carry it. */
export interface Md5Accumulator {
  /** Adds `bytes` to the digest. */
  update(bytes: Uint8Array): void;
  /** The MD5 of everything added, base64 (as Content-MD5); the accumulator is finished afterwards. */
  digestBase64(): string;
}

/**
 * An incremental MD5 (WebAssembly, or JavaScript where WebAssembly cannot be compiled).
 *
 * @example
 * ```ts
 * import { createMd5 } from '@oss-cse/core';
 * declare const chunks: Uint8Array[];
 * const md5 = await createMd5();
 * for (const chunk of chunks) md5.update(chunk);
 * md5.digestBase64(); // the Content-MD5 of every chunk
 * ```
 */
export async function createMd5(): Promise<Md5Accumulator> {
  return wasmOrJs(
    async () => {
      const wasm = await checksumWasm();
      return md5Accumulator((state, data) => wasm.md5Blocks(state, data));
    },
    async () => (await import('./md5-js.js')).jsMd5(),
  );
}

/**
 * Base64 MD5 of `bytes`.
 *
 * @example
 * ```ts
 * import { md5Base64, utf8 } from '@oss-cse/core';
 * await md5Base64(utf8('hello')); // 'XUFAKrxLKna5cZ2REBfFkg=='
 * ```
 */
export async function md5Base64(bytes: Uint8Array): Promise<string> {
  const h = await createMd5();
  h.update(bytes);
  return h.digestBase64();
}
