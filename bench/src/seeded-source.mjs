// The Chromium upload source, reproducible in Node: a block of AES-256-CTR keystream from a random seed (the
// key; counter 0), repeated to the file size. The page builds its File from it, Node the digests it checks the
// uploaded objects against. Free of Node APIs: both sides run this code.
import { fromHex } from '@oss-cse/core';

export const SEEDED_BLOCK_BYTES = 16 * 1024 * 1024;

/** The keystream block of `seedHex` (64 hex digits). */
export async function seededBlock(seedHex, length = SEEDED_BLOCK_BYTES) {
  const key = await crypto.subtle.importKey('raw', fromHex(seedHex), 'AES-CTR', false, ['encrypt']);
  return new Uint8Array(
    await crypto.subtle.encrypt(
      { name: 'AES-CTR', counter: new Uint8Array(16), length: 128 },
      key,
      new Uint8Array(length),
    ),
  );
}

/** Bytes [start, end) of `block` repeated, as views of it. */
export function* repeatedRange(block, start, end) {
  for (let offset = start; offset < end;) {
    const at = offset % block.length;
    const n = Math.min(block.length - at, end - offset);
    yield block.subarray(at, at + n);
    offset += n;
  }
}
