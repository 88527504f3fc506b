// MD5 (RFC 1321) in plain JavaScript, incremental: the fallback where a runtime forbids compiling WebAssembly at
// run time (workerd, Cloudflare Workers), so `unencrypted-content-md5` is written and checked everywhere. Loaded with
// import() by createMd5 only there: pages and Workers that compile WebAssembly never download it.
import { md5Accumulator, md5Framing, type Md5Blocks } from './md5-framing.js';
import type { Md5Accumulator } from './plaintext-md5.js';

const S = [
  7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20, 4,
  11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21,
];
const K = Uint32Array.from({ length: 64 }, (_, i) => Math.floor(Math.abs(Math.sin(i + 1)) * 2 ** 32) >>> 0);

const W = new Uint32Array(16);

/** RFC 1321's block function in JavaScript, over each 64-byte block of `data`. */
const jsBlocks: Md5Blocks = (state, data) => {
  for (let at = 0; at < data.length; at += 64) compress(state, data, at);
};

/** An incremental MD5; `digest()` returns the 16-byte hash and finishes it. */
export class Md5 {
  readonly #md5 = md5Framing(jsBlocks);

  update(data: Uint8Array): this {
    this.#md5.update(data);
    return this;
  }

  digest(): Uint8Array {
    return this.#md5.digest();
  }
}

function compress(s: Uint32Array, bytes: Uint8Array, at: number): void {
  const w = W;
  for (let i = 0; i < 16; i++) {
    const j = at + i * 4;
    w[i] = (bytes[j]! | (bytes[j + 1]! << 8) | (bytes[j + 2]! << 16) | (bytes[j + 3]! << 24)) >>> 0;
  }
  let [a, b, c, d] = s as unknown as [number, number, number, number];
  for (let i = 0; i < 64; i++) {
    let f: number;
    let g: number;
    if (i < 16) {
      f = (b & c) | (~b & d);
      g = i;
    } else if (i < 32) {
      f = (d & b) | (~d & c);
      g = (5 * i + 1) & 15;
    } else if (i < 48) {
      f = b ^ c ^ d;
      g = (3 * i + 5) & 15;
    } else {
      f = c ^ (b | ~d);
      g = (7 * i) & 15;
    }
    const sum = (a + f + K[i]! + w[g]!) >>> 0;
    a = d;
    d = c;
    c = b;
    b = (b + ((sum << S[i]!) | (sum >>> (32 - S[i]!)))) >>> 0;
  }
  s[0] = (s[0]! + a) >>> 0;
  s[1] = (s[1]! + b) >>> 0;
  s[2] = (s[2]! + c) >>> 0;
  s[3] = (s[3]! + d) >>> 0;
}

/** The JavaScript MD5 as an accumulator of base64 digests (the contract of `createMd5`). */
export function jsMd5(): Md5Accumulator {
  return md5Accumulator(jsBlocks);
}
