// MD5 of plaintext (WebCrypto has none): hash-wasm, for `unencrypted-content-md5` on write and its check on read;
// the JavaScript MD5 (md5-js.ts, loaded on demand) where the runtime forbids compiling WebAssembly (workerd).
import { createMD5, type IHasher } from 'hash-wasm';
import { toBase64 } from '../util/bytes.js';
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
    async () => wasmMd5(idle.pop() ?? (await createMD5())),
    async () => (await import('./md5-js.js')).jsMd5(),
  );
}

/** Finished WebAssembly hashers kept for reuse: one instance per MD5 in progress, not one per object or part. */
const idle: IHasher[] = [];
const MAX_IDLE = 16;

function wasmMd5(h: IHasher): Md5Accumulator {
  h.init();
  let digest: string | undefined;
  return {
    update: (bytes) => {
      if (digest !== undefined) throw new TypeError('this MD5 has already produced its digest');
      h.update(bytes);
    },
    digestBase64: () => {
      if (digest === undefined) {
        digest = toBase64(h.digest('binary'));
        if (idle.length < MAX_IDLE) idle.push(h);
      }
      return digest;
    },
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
