// The streaming form of a content cipher: a TransformStream that encrypts or decrypts from an object offset on,
// gathering small chunks into large calls (ctr-stream.ts). A function of its own, not a ContentCipher method, so
// that code which only encrypts or decrypts whole byte arrays (a browser page reading objects with `get`, the
// encryption Worker) does not carry the stream machinery: encryptObject and decryptObject load this module with
// import() for stream input only.
import { OssCseError } from '../errors.js';
import { assertSize } from '../util/assert.js';
import type { ContentCipher } from './content-cipher.js';
import { AES_BLOCK } from './counter.js';
import { createCtrTransform, type CtrTransformOptions } from './ctr-stream.js';

/** Options of {@link cipherTransform}. */
export type CipherTransformOptions = {
  /** Object offset of the first byte (a multiple of 16; default 0). */
  readonly offset?: number;
  /** Encrypt (the range is claimed against counter reuse as bytes flow) or decrypt. */
  readonly mode: 'encrypt' | 'decrypt';
} & Omit<CtrTransformOptions, 'process' | 'copiesInput'>;

/**
 * A streaming transform of `cipher` from `offset` on, gathering small input chunks into calls of at least
 * `chunkSize` bytes (default 512 KiB) with bounded memory. For encryption the range is claimed as bytes flow.
 * @throws OssCseError ERR_INVALID_ARGUMENT for an offset that is not a multiple of 16.
 *
 * @example
 * ```ts
 * import { cipherTransform, type ContentCipher } from '@oss-cse/core';
 * declare const cipher: ContentCipher, ciphertext: ReadableStream<Uint8Array>;
 * const plaintext = ciphertext.pipeThrough(cipherTransform(cipher, { mode: 'decrypt', offset: 0 }));
 * ```
 */
export function cipherTransform(
  cipher: ContentCipher,
  options: CipherTransformOptions,
): TransformStream<Uint8Array, Uint8Array> {
  const start = options.offset ?? 0;
  assertSize(start, 'offset');
  if (start % AES_BLOCK !== 0) throw new OssCseError('ERR_INVALID_ARGUMENT', `offset ${start} is not a multiple of 16`);
  const encrypting = options.mode === 'encrypt';
  return createCtrTransform({
    ...options,
    // encryptAt/decryptAt reach crypto.subtle.encrypt synchronously, and WebCrypto copies its input before
    // returning (WebCrypto §14.3.1 step 2); webcrypto-copies.test.ts holds every runtime we support to that.
    copiesInput: true,
    process: (relOffset, data) =>
      encrypting ? cipher.encryptAt(start + relOffset, data) : cipher.decryptAt(start + relOffset, data),
  });
}
