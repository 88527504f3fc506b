// MD5 of plaintext (WebCrypto has none): hash-wasm, for `unencrypted-content-md5` on write and its check on read.
import { createMD5 } from 'hash-wasm';
import { toBase64 } from '../util/bytes.js';

/** An incremental MD5 whose result is base64, as `Content-MD5` and the CSE header carry it. */
export interface Md5Accumulator {
  update(bytes: Uint8Array): void;
  digestBase64(): string;
}

export async function createMd5(): Promise<Md5Accumulator> {
  const h = await createMD5();
  h.init();
  return {
    update: (bytes) => { h.update(bytes); },
    digestBase64: () => toBase64(h.digest('binary')),
  };
}

/** Base64 MD5 of `bytes`. */
export async function md5Base64(bytes: Uint8Array): Promise<string> {
  const h = await createMd5();
  h.update(bytes);
  return h.digestBase64();
}
