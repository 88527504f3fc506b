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
 * Encrypts (or, identically, decrypts) `data` that starts at plaintext byte `offset` (a multiple of 16).
 * Any 16-aligned segment can be processed on its own.
 */
export async function aesCtrAt(key: CryptoKey, iv: Uint8Array, offset: number, data: Uint8Array): Promise<Uint8Array> {
  if (data.length === 0) return new Uint8Array(0);
  const counter = counterBlockAt(iv, offset);
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

/** 32 random bytes: a new data key (CEK). */
export function generateDataKeyBytes(): Uint8Array {
  return globalThis.crypto.getRandomValues(new Uint8Array(32));
}
