// MD5 of plaintext (WebCrypto has none), for `unencrypted-content-md5` on write and its check on read: the block
// function in WebAssembly (checksum-wasm.ts), the padding and the partial last block here; the JavaScript MD5
// (md5-js.ts, loaded on demand) where the runtime forbids compiling WebAssembly (workerd).
import { toBase64 } from '../util/bytes.js';
import { checksumWasm, type ChecksumWasm } from './checksum-wasm.js';
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
    async () => wasmMd5(await checksumWasm()),
    async () => (await import('./md5-js.js')).jsMd5(),
  );
}

/** RFC 1321's initial state words. */
const INITIAL_STATE = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476];

function wasmMd5(wasm: ChecksumWasm): Md5Accumulator {
  const state = Uint32Array.from(INITIAL_STATE);
  const pending = new Uint8Array(64); // the bytes of a block not yet complete
  let held = 0;
  let total = 0;
  let digest: string | undefined;
  return {
    update: (bytes) => {
      if (digest !== undefined) throw new TypeError('this MD5 has already produced its digest');
      total += bytes.length;
      let at = 0;
      if (held > 0) {
        at = Math.min(64 - held, bytes.length);
        pending.set(bytes.subarray(0, at), held);
        held += at;
        if (held < 64) return;
        wasm.md5Blocks(state, pending);
        held = 0;
      }
      const whole = at + Math.floor((bytes.length - at) / 64) * 64;
      if (whole > at) wasm.md5Blocks(state, bytes.subarray(at, whole));
      pending.set(bytes.subarray(whole));
      held = bytes.length - whole;
    },
    digestBase64: () => {
      if (digest === undefined) {
        // Padding: 0x80, zeros, then the length in bits (64-bit little-endian) ending a block.
        const tail = new Uint8Array(held < 56 ? 64 : 128);
        tail.set(pending.subarray(0, held));
        tail[held] = 0x80;
        const view = new DataView(tail.buffer);
        const bits = total * 8;
        view.setUint32(tail.length - 8, bits >>> 0, true);
        view.setUint32(tail.length - 4, Math.floor(bits / 2 ** 32), true);
        wasm.md5Blocks(state, tail);
        const out = new DataView(new ArrayBuffer(16));
        state.forEach((w, k) => out.setUint32(4 * k, w, true));
        digest = toBase64(new Uint8Array(out.buffer));
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
