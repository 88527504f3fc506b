// Offline encryption: plaintext (bytes or a stream) and a keyring in, {headers, ciphertext} out. No network.
import { OssCseError } from '../errors.js';
import { envelopeHeaders, type EnvelopeHeaderInput } from '../format/serialize-envelope.js';
import type { MasterKey } from '../keys/master-key.js';
import { Keyring } from '../keyring/keyring.js';
import { createEnvelope, newEnvelopeMaterial } from '../materials/new-envelope.js';
import { md5Base64 } from '../integrity/plaintext-md5.js';
import { AES_CTR_SYNC_LIMIT, checkedLength } from '../cipher/aes-ctr.js';
import { fromBase64, utf8, wipe } from '../util/bytes.js';
import { assertSize } from '../util/assert.js';

/** Options of {@link encryptObject}. */
export interface EncryptObjectOptions<P extends Uint8Array | string | ReadableStream<Uint8Array>> {
  /** The master keys; the default one (or `masterKey`) wraps the object's data key. */
  readonly keyring: Keyring | MasterKey;
  /** The plaintext: bytes, text (UTF-8) or a stream (then the ciphertext is a stream too). */
  readonly plaintext: P;
  /** Write with this key instead of the keyring's default. */
  readonly masterKey?: MasterKey | undefined;
  /** The caller's Content-MD5 (base64) of the plaintext, recorded as `unencrypted-content-md5` like oss2 does. */
  readonly contentMd5?: string | undefined;
  /**
   * The plaintext length to record as `unencrypted-content-length` (oss2 does when the caller passes Content-Length).
   */
  readonly contentLength?: number | undefined;
  /**
   * Compute the plaintext MD5 and length and record both, so full reads are verified (ERR_INTEGRITY).
   * Default: true for bytes and strings. A stream cannot be read twice: it records only `contentMd5` /
   * `contentLength` (`computeMd5: true` with a stream is ERR_INVALID_ARGUMENT). `false` records only what the
   * caller passes, as oss2 does.
   */
  readonly computeMd5?: boolean | undefined;
  /** Input chunks smaller than this are gathered into cipher calls of this size (default 512 KiB). */
  readonly chunkSize?: number | undefined;
  /** Cancels the encryption (and a KMS call). */
  readonly signal?: AbortSignal | undefined;
}

/** What {@link encryptObject} returns: headers and ciphertext for one PutObject. */
export interface EncryptedObject<C> {
  /** The `x-oss-meta-client-side-encryption-*` headers for PutObject. */
  readonly headers: Record<string, string>;
  /** The ciphertext, as long as the plaintext: bytes, or a stream for a stream. */
  readonly ciphertext: C;
}

type CiphertextOf<P> = P extends ReadableStream<Uint8Array> ? ReadableStream<Uint8Array> : Uint8Array;

/**
 * Encrypts one object for PutObject with a fresh data key and IV. Bytes and strings get their MD5 and length
 * recorded (`unencrypted-content-md5` / `-length`, as oss2 records a caller's Content-MD5 / Content-Length), so
 * every full read verifies them.
 *
 * @example
 * ```ts
 * import { encryptObject, type Keyring } from '@oss-cse/core';
 * declare const keyring: Keyring;
 * const { headers, ciphertext } = await encryptObject({ keyring, plaintext: 'hello' });
 * // PUT `ciphertext` with `headers` (any OSS client)
 * ```
 */
export async function encryptObject<P extends Uint8Array | string | ReadableStream<Uint8Array>>(
  options: EncryptObjectOptions<P>,
): Promise<EncryptedObject<CiphertextOf<P>>> {
  const input = options.plaintext;
  const isStream = typeof ReadableStream !== 'undefined' && input instanceof ReadableStream;
  if (!isStream && typeof input !== 'string' && !(input instanceof Uint8Array)) {
    throw new OssCseError('ERR_INVALID_ARGUMENT', '"plaintext" expected Uint8Array, string or ReadableStream');
  }
  if (options.contentMd5 !== undefined && fromBase64(options.contentMd5, 'contentMd5').length !== 16) {
    throw new OssCseError('ERR_INVALID_ARGUMENT', '"contentMd5" must be base64 of a 16-byte MD5');
  }
  if (options.contentLength !== undefined) assertSize(options.contentLength, 'contentLength');
  if (isStream && options.computeMd5) {
    throw new OssCseError(
      'ERR_INVALID_ARGUMENT',
      'computeMd5 needs bytes: a stream cannot be read twice (pass contentMd5 instead)',
    );
  }
  const bytes = isStream ? null : typeof input === 'string' ? utf8(input) : (input as Uint8Array);
  if (bytes && options.contentLength !== undefined && options.contentLength !== bytes.length) {
    throw new OssCseError(
      'ERR_INVALID_ARGUMENT',
      `contentLength ${options.contentLength} does not match the ${bytes.length}-byte plaintext`,
    );
  }
  const compute = bytes !== null && options.computeMd5 !== false;
  const md5 = compute ? await md5Base64(bytes) : options.contentMd5;
  if (compute && options.contentMd5 !== undefined && options.contentMd5 !== md5) {
    throw new OssCseError('ERR_INVALID_ARGUMENT', '"contentMd5" does not match the MD5 of the plaintext');
  }
  const length = compute ? bytes.length : options.contentLength;

  const ring = Keyring.from(options.keyring);
  const oneShot = bytes !== null && bytes.length <= AES_CTR_SYNC_LIMIT ? ring.rawAesCtr : undefined;
  let ciphertext: Uint8Array | ReadableStream<Uint8Array>;
  let wrapped: EnvelopeHeaderInput;
  if (oneShot) {
    // A small object in one synchronous call on the new key's bytes: no CryptoKey import, no counter guard needed
    // (the key encrypts this one call only).
    const material = await newEnvelopeMaterial(ring, options);
    wrapped = material.wrapped;
    try {
      ciphertext = checkedLength(oneShot(material.cek, material.iv, bytes!), bytes!.length);
    } finally {
      wipe(material.cek);
    }
  } else {
    const envelope = await createEnvelope({ keyring: ring, masterKey: options.masterKey, signal: options.signal });
    wrapped = envelope.wrapped;
    // The stream machinery is loaded with import() for stream input only (cipher-transform.ts).
    ciphertext = bytes
      ? await envelope.cipher.encryptAt(0, bytes)
      : (input as ReadableStream<Uint8Array>).pipeThrough(
          (await import('../cipher/cipher-transform.js')).cipherTransform(envelope.cipher, {
            mode: 'encrypt',
            chunkSize: options.chunkSize,
          }),
        );
  }
  const headers = envelopeHeaders(
    { ...wrapped, unencryptedContentMd5: md5, unencryptedContentLength: length },
    { operation: 'put' },
  );
  return { headers, ciphertext: ciphertext as CiphertextOf<P> };
}
