// MD5 (RFC 1321) in plain JavaScript, incremental: the fallback where a runtime forbids compiling WebAssembly at
// run time (workerd, Cloudflare Workers), so `unencrypted-content-md5` is written and checked everywhere. Loaded with
// import() by createMd5 only there: pages and Workers that compile WebAssembly never download it.
import { toBase64 } from '../util/bytes.js';
import type { Md5Accumulator } from './plaintext-md5.js';

const S = [
  7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20, 4,
  11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21,
];
const K = Uint32Array.from({ length: 64 }, (_, i) => Math.floor(Math.abs(Math.sin(i + 1)) * 2 ** 32) >>> 0);

/** An incremental MD5; `digest()` returns the 16-byte hash and finishes it. */
export class Md5 {
  readonly #state = new Uint32Array([0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476]);
  readonly #block = new Uint8Array(64);
  readonly #words = new Uint32Array(16);
  #filled = 0;
  #length = 0;
  #done = false;

  update(data: Uint8Array): this {
    if (this.#done) throw new TypeError('this MD5 has already produced its digest');
    this.#length += data.length;
    let pos = 0;
    if (this.#filled > 0) {
      const n = Math.min(64 - this.#filled, data.length);
      this.#block.set(data.subarray(0, n), this.#filled);
      this.#filled += n;
      pos = n;
      if (this.#filled < 64) return this;
      this.#compress(this.#block, 0);
      this.#filled = 0;
    }
    for (; pos + 64 <= data.length; pos += 64) this.#compress(data, pos);
    this.#block.set(data.subarray(pos), 0);
    this.#filled = data.length - pos;
    return this;
  }

  digest(): Uint8Array {
    if (this.#done) throw new TypeError('this MD5 has already produced its digest');
    const bits = this.#length * 8;
    const tail = new Uint8Array(this.#filled < 56 ? 64 - this.#filled : 128 - this.#filled);
    tail[0] = 0x80;
    const view = new DataView(tail.buffer);
    view.setUint32(tail.length - 8, bits >>> 0, true);
    view.setUint32(tail.length - 4, Math.floor(bits / 2 ** 32) >>> 0, true);
    this.update(tail);
    this.#done = true;
    const out = new Uint8Array(16);
    const o = new DataView(out.buffer);
    for (let i = 0; i < 4; i++) o.setUint32(i * 4, this.#state[i]!, true);
    return out;
  }

  #compress(bytes: Uint8Array, at: number): void {
    const w = this.#words;
    for (let i = 0; i < 16; i++) {
      const j = at + i * 4;
      w[i] = (bytes[j]! | (bytes[j + 1]! << 8) | (bytes[j + 2]! << 16) | (bytes[j + 3]! << 24)) >>> 0;
    }
    let [a, b, c, d] = this.#state as unknown as [number, number, number, number];
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
    const s = this.#state;
    s[0] = (s[0]! + a) >>> 0;
    s[1] = (s[1]! + b) >>> 0;
    s[2] = (s[2]! + c) >>> 0;
    s[3] = (s[3]! + d) >>> 0;
  }
}

/** The JavaScript MD5 as an accumulator of base64 digests (the contract of `createMd5`). */
export function jsMd5(): Md5Accumulator {
  const h = new Md5();
  let digest: string | undefined;
  return {
    update: (bytes) => {
      h.update(bytes);
    },
    digestBase64: () => (digest ??= toBase64(h.digest())),
  };
}
