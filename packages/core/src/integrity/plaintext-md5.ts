// MD5 of plaintext (WebCrypto has none): hash-wasm, for `unencrypted-content-md5` on write and its check on read;
// the JavaScript MD5 (md5-js.ts, loaded on demand) where the runtime forbids compiling WebAssembly (workerd).
import { createMD5 } from 'hash-wasm';
import { toBase64 } from '../util/bytes.js';
import { wasmCodegenAllowed } from './wasm-support.js';

/** An incremental MD5 whose result is base64, as `Content-MD5` and the CSE header carry it. */
export interface Md5Accumulator {
  /** Adds `bytes` to the digest. */
  update(bytes: Uint8Array): void;
  /** The MD5 of everything added, base64 (as Content-MD5). */
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
  if (!wasmCodegenAllowed()) return (await import('./md5-js.js')).jsMd5();
  const h = await createMD5();
  h.init();
  return {
    update: (bytes) => {
      h.update(bytes);
    },
    digestBase64: () => toBase64(h.digest('binary')),
  };
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
