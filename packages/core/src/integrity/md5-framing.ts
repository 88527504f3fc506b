// MD5's framing (RFC 1321 §3.1-3.5), once for both block functions (WebAssembly in checksum-wasm.ts, JavaScript in
// md5-js.ts): the partial block held between updates, the padding and the bit length, the digest from the state.
import { toBase64 } from '../util/bytes.js';
import type { Md5Accumulator } from './plaintext-md5.js';

/** Runs the 64-byte blocks of `data` (a multiple of 64 bytes long) through the four state words. */
export type Md5Blocks = (state: Uint32Array, data: Uint8Array) => void;

/** An incremental MD5 over a block function; `digest()` returns the 16-byte hash and finishes it. */
export interface Md5Framing {
  update(bytes: Uint8Array): void;
  digest(): Uint8Array;
}

/** An incremental MD5 whose 64-byte blocks go through `blocks`. */
export function md5Framing(blocks: Md5Blocks): Md5Framing {
  const state = Uint32Array.of(0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476);
  const pending = new Uint8Array(64); // the bytes of a block not yet complete
  let held = 0;
  let total = 0;
  let done = false;
  const notDone = () => {
    if (done) throw new TypeError('this MD5 has already produced its digest');
  };
  return {
    update(bytes) {
      notDone();
      total += bytes.length;
      let at = 0;
      if (held > 0) {
        at = Math.min(64 - held, bytes.length);
        pending.set(bytes.subarray(0, at), held);
        held += at;
        if (held < 64) return;
        blocks(state, pending);
        held = 0;
      }
      const whole = at + Math.floor((bytes.length - at) / 64) * 64;
      if (whole > at) blocks(state, bytes.subarray(at, whole));
      pending.set(bytes.subarray(whole));
      held = bytes.length - whole;
    },
    digest() {
      notDone();
      // Padding: 0x80, zeros, then the length in bits (64-bit little-endian) ending a block.
      const tail = new Uint8Array(held < 56 ? 64 : 128);
      tail.set(pending.subarray(0, held));
      tail[held] = 0x80;
      const view = new DataView(tail.buffer);
      const bits = total * 8;
      view.setUint32(tail.length - 8, bits >>> 0, true);
      view.setUint32(tail.length - 4, Math.floor(bits / 2 ** 32), true);
      blocks(state, tail);
      done = true;
      const out = new DataView(new ArrayBuffer(16));
      state.forEach((w, k) => out.setUint32(4 * k, w, true));
      return new Uint8Array(out.buffer);
    },
  };
}

/** An MD5 accumulator (base64 digest, as Content-MD5 carries it) whose 64-byte blocks go through `blocks`. */
export function md5Accumulator(blocks: Md5Blocks): Md5Accumulator {
  const md5 = md5Framing(blocks);
  let digest: string | undefined;
  return {
    update: (bytes) => md5.update(bytes),
    digestBase64: () => (digest ??= toBase64(md5.digest())),
  };
}
