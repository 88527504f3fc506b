// AES-256-CTR through WebCrypto SubtleCrypto (`length: 128`): the only content cipher of the format.
import { OssCseError } from '../errors.js';
import { asBufferSource, wipe } from '../util/bytes.js';
import { assertBytes } from '../util/assert.js';
import { counterBlockAt } from './counter.js';

const subtle = () => {
  const s = globalThis.crypto?.subtle;
  if (!s)
    throw new OssCseError(
      'ERR_INVALID_ARGUMENT',
      'WebCrypto (crypto.subtle) is not available: use a secure context (https or localhost)',
    );
  return s;
};

/**
 * Imports a 32-byte data key as a non-extractable AES-CTR CryptoKey. The caller's bytes are wiped unless
 * `keepBytes` is set.
 */
export async function importContentKey(cek: Uint8Array, options: { keepBytes?: boolean } = {}): Promise<CryptoKey> {
  assertBytes(cek, 'cek', 32);
  try {
    return await subtle().importKey('raw', asBufferSource(cek), { name: 'AES-CTR' }, false, ['encrypt', 'decrypt']);
  } finally {
    if (!options.keepBytes) wipe(cek);
  }
}

/**
 * Bytes per WebCrypto call when `aesCtrAt` works in place: WebCrypto copies a call's whole input and allocates its
 * whole output outside the JS heap, so one call over an 8 MiB part holds 16 MiB of native memory (which allocators
 * keep after it is freed). 512 KiB, as core's streams (`DEFAULT_CHUNK_SIZE`): Chromium serves buffers of 1 MiB and
 * more straight from the system, each call paying for fresh pages, and runs 1 MiB calls at about half the speed of
 * 512 KiB ones (bench: "core AES-CTR ... gathered into 1024 KiB calls"); Node is no slower with them.
 */
export const AES_CTR_SLICE = 512 * 1024;

/**
 * A runtime's synchronous AES-256-CTR (the whole 128-bit counter block incremented, as WebCrypto's `length: 128`) of
 * `data` from the counter block `counter`, with the content key held as a CryptoKey (e.g. OpenSSL through
 * `KeyObject.from` in @oss-cse/node). Given it, `aesCtrAt` runs through it every call of at most
 * {@link AES_CTR_SYNC_LIMIT} bytes and every call in place (a part being uploaded), in slices of that size: a small
 * object's cipher then costs no round trip through WebCrypto's asynchronous job, and a part no native copy of its input
 * and output (WebCrypto's). Larger calls that are not in place (reads) stay on WebCrypto, whose threads decrypt while
 * the caller's thread receives the next bytes.
 *
 * @example
 * ```ts
 * import type { AesCtrOperation } from '@oss-cse/core';
 * declare const op: AesCtrOperation, key: CryptoKey, counter: Uint8Array, data: Uint8Array;
 * const out = op(key, counter, data); // data.length bytes
 * ```
 */
export type AesCtrOperation = (key: CryptoKey, counter: Uint8Array, data: Uint8Array) => Uint8Array;

/**
 * A runtime's synchronous AES-256-CTR on the raw bytes of a new data key (`key`, 32 bytes), for a new object of at
 * most {@link AES_CTR_SYNC_LIMIT} bytes encrypted in one call (e.g. `createCipheriv` in @oss-cse/node): the key is
 * then never imported into a CryptoKey at all. Core wipes `key` after the call. Same counter semantics as
 * {@link AesCtrOperation}.
 *
 * @example
 * ```ts
 * import type { RawAesCtrOperation } from '@oss-cse/core';
 * declare const op: RawAesCtrOperation, dataKey: Uint8Array, iv: Uint8Array, plaintext: Uint8Array;
 * const ciphertext = op(dataKey, iv, plaintext); // plaintext.length bytes
 * ```
 */
export type RawAesCtrOperation = (key: Uint8Array, counter: Uint8Array, data: Uint8Array) => Uint8Array;

/**
 * Largest call given to an {@link AesCtrOperation} (larger data in place goes to it in slices of this size) or to a
 * {@link RawAesCtrOperation} (larger objects are not given to it).
 */
export const AES_CTR_SYNC_LIMIT = 64 * 1024;

/**
 * WebCrypto calls `aesCtrAt` keeps in flight when it works in place: a few slices at once keep the runtime's crypto
 * threads busy without a round trip through the caller's event loop after every slice, and bound the native memory
 * at this many slices' input and output.
 */
export const AES_CTR_SLICES_IN_FLIGHT = 4;

/**
 * Encrypts (or, identically, decrypts) `data` that starts at plaintext byte `offset` (a multiple of 16).
 * Any 16-aligned segment can be processed on its own. One WebCrypto call copies `data` before this returns its
 * promise, so the caller may reuse it right away. With `inPlace` the output is `data` itself, overwritten in slices
 * of {@link AES_CTR_SLICE}, {@link AES_CTR_SLICES_IN_FLIGHT} at a time (no second buffer of its size): `data` is read
 * until the promise settles. With a runtime's `operation` (see {@link AesCtrOperation}) a call of at most
 * {@link AES_CTR_SYNC_LIMIT} bytes, or one in place, runs synchronously, before this returns its promise, in slices of
 * at most that size.
 */
export async function aesCtrAt(
  key: CryptoKey,
  iv: Uint8Array,
  offset: number,
  data: Uint8Array,
  options: { inPlace?: boolean | undefined; operation?: AesCtrOperation | undefined } = {},
): Promise<Uint8Array> {
  if (data.length === 0) return new Uint8Array(0);
  const op = options.operation;
  if (op && (options.inPlace || data.length <= AES_CTR_SYNC_LIMIT)) {
    // Slices of at most AES_CTR_SYNC_LIMIT: what the runtime allocates per call stays small.
    const out = options.inPlace ? data : new Uint8Array(data.length);
    for (let at = 0; at < data.length; at += AES_CTR_SYNC_LIMIT) {
      const slice = data.subarray(at, at + AES_CTR_SYNC_LIMIT);
      out.set(checkedLength(op(key, counterBlockAt(iv, offset + at), slice), slice.length), at);
    }
    return out;
  }
  if (!options.inPlace) return aesCtrCall(key, counterBlockAt(iv, offset), data);
  // Each slice's ciphertext overwrites only that slice, which no other call reads.
  let next = 0;
  const lane = async () => {
    while (next < data.length) {
      const at = next;
      next += AES_CTR_SLICE;
      data.set(await aesCtrCall(key, counterBlockAt(iv, offset + at), data.subarray(at, at + AES_CTR_SLICE)), at);
    }
  };
  const lanes = Math.min(AES_CTR_SLICES_IN_FLIGHT, Math.ceil(data.length / AES_CTR_SLICE));
  await Promise.all(Array.from({ length: lanes }, lane));
  return data;
}

/** A runtime AES-CTR operation's answer, when it has `length` bytes; else ERR_INVALID_ARGUMENT. */
export function checkedLength(out: Uint8Array, length: number): Uint8Array {
  if (!(out instanceof Uint8Array) || out.length !== length)
    throw new OssCseError('ERR_INVALID_ARGUMENT', 'the AES-CTR operation returned the wrong number of bytes');
  return out;
}

async function aesCtrCall(key: CryptoKey, counter: Uint8Array<ArrayBuffer>, data: Uint8Array): Promise<Uint8Array> {
  const out = await subtle().encrypt({ name: 'AES-CTR', counter, length: 128 }, key, asBufferSource(data));
  return new Uint8Array(out);
}

/**
 * 16 random bytes with bytes 8..11 zero, as every V2 SDK generates IVs (docs/format.md §2.1).
 *
 * @example
 * ```ts
 * import { generateIv } from '@oss-cse/core';
 * const iv = generateIv(); // 16 random bytes, bytes 8-11 zero like the official SDKs
 * ```
 */
export function generateIv(): Uint8Array {
  const iv = globalThis.crypto.getRandomValues(new Uint8Array(16));
  iv.fill(0, 8, 12);
  return iv;
}

/**
 * A new data key (32 random bytes) and IV (as {@link generateIv}) from one `getRandomValues` call, each in a buffer
 * of its own (the drawn bytes are wiped).
 */
export function generateDataKeyAndIv(): { readonly cek: Uint8Array; readonly iv: Uint8Array } {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(48));
  const cek = bytes.slice(0, 32);
  const iv = bytes.slice(32);
  wipe(bytes);
  iv.fill(0, 8, 12);
  return { cek, iv };
}
