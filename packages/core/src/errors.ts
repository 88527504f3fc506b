/**
 * The typed errors of @oss-cse/core alone, without the format and crypto code.
 *
 * @module @oss-cse/core/errors
 */
/**
 * Typed errors of oss-cse. Every error carries a stable `code`; messages may improve over time, codes do not.
 *
 * @example
 * ```ts
 * import { decryptObject, type Keyring } from '@oss-cse/core';
 * import { OssCseError } from '@oss-cse/core/errors';
 * declare const keyring: Keyring, headers: Record<string, string>, ciphertext: Uint8Array;
 * try {
 *   await decryptObject({ keyring, headers, ciphertext });
 * } catch (e) {
 *   if (e instanceof OssCseError && e.code === 'ERR_NO_MATCHING_KEY') console.log('another key is needed');
 * }
 * ```
 */
export type OssCseErrorCode =
  /** The object has no client-side-encryption headers and the caller did not opt in to plaintext. */
  | 'ERR_NOT_ENCRYPTED'
  /** A required CSE header (`key`, `start`) is missing. */
  | 'ERR_MISSING_HEADER'
  /** A header that must be base64 is not valid standard base64. */
  | 'ERR_BAD_BASE64'
  /** `cek-alg` names a content cipher oss-cse does not implement. */
  | 'ERR_UNSUPPORTED_CEK_ALG'
  /** `wrap-alg` names a key-wrapping algorithm oss-cse does not implement (or `rsa` in the V2 namespace). */
  | 'ERR_UNSUPPORTED_WRAP_ALG'
  /** `matdesc` is not a JSON object whose values are strings. */
  | 'ERR_BAD_MATDESC'
  /** A size header (`data-size`, `part-size`, `unencrypted-content-length`) is not a non-negative integer. */
  | 'ERR_BAD_SIZE'
  /** An unwrapped data key is not 32 bytes, or an unwrapped IV is not 16 bytes (non-RSA master keys). */
  | 'ERR_BAD_DATA_KEY'
  /** The data key could not be unwrapped. One fixed message for every cause, so it cannot serve as an oracle. */
  | 'ERR_UNWRAP_FAILED'
  /** No master key in the keyring matches the object's material description / wrap algorithm. */
  | 'ERR_NO_MATCHING_KEY'
  /** The master key has only its public half: it can encrypt, not decrypt. */
  | 'ERR_PUBLIC_KEY_ONLY'
  /** A key could not be imported (malformed PEM/DER/JWK, wrong passphrase, unsupported algorithm). */
  | 'ERR_KEY_IMPORT'
  /** The decrypted content does not match `unencrypted-content-length` / `unencrypted-content-md5`. */
  | 'ERR_INTEGRITY'
  /** The requested byte range is malformed or cannot be satisfied. */
  | 'ERR_INVALID_RANGE'
  /** The server's `Content-Range` is malformed, misaligned, or does not cover what was asked. */
  | 'ERR_BAD_CONTENT_RANGE'
  /** A multipart plan is invalid (part size not a multiple of 16, < 100 KiB, > 10,000 parts, ...). */
  | 'ERR_INVALID_PART_SIZE'
  /** The active safety policy refuses this object or operation (e.g. `strict` and PKCS#1 v1.5 or V1). */
  | 'ERR_POLICY'
  /** An argument has the wrong type or value. */
  | 'ERR_INVALID_ARGUMENT'
  /** A (key, counter) pair would be used for different bytes. */
  | 'ERR_COUNTER_REUSE'
  // Transport errors (runtime packages such as @oss-cse/node):
  /** An OSS request failed (network, timeout, or an OSS error); `details` hold `status`, `ossCode`, `requestId`. */
  | 'ERR_TRANSPORT'
  /** The object, bucket or multipart upload does not exist (OSS 404). */
  | 'ERR_NOT_FOUND'
  /** Credentials are missing, rejected, or could not be refreshed. */
  | 'ERR_CREDENTIALS'
  /** The credentials are valid but not allowed to do this (OSS `AccessDenied`, e.g. outside an STS token's policy). */
  | 'ERR_ACCESS_DENIED'
  /** The server's `x-oss-hash-crc64ecma` does not match the CRC-64 of the bytes sent or received. */
  | 'ERR_CRC_MISMATCH'
  /** The operation was cancelled through its AbortSignal. */
  | 'ERR_ABORTED'
  /** The source changed during a transfer (object ETag differs from the pinned one, or the local file changed). */
  | 'ERR_SOURCE_CHANGED'
  /** A checkpoint file is unreadable, of another version, or belongs to another transfer. */
  | 'ERR_CHECKPOINT'
  /**
   * Node: the destination file of a download or decryption exists and replacing it was not asked for
   * (`overwrite: true`, the CLI's `--force`); `details.path` names it. The file is left untouched.
   */
  | 'ERR_DESTINATION_EXISTS'
  /**
   * Browser only: the bucket answered, but its CORS rule does not allow this page (origin, method, an
   * `AllowedHeader`) or hides a response header the client needs (`ExposeHeader`); `details.missing` names them.
   */
  | 'ERR_CORS'
  /**
   * Browser only: the client's encryption Worker could not start (its script did not load) or failed; the calls
   * waiting for it fail with this code, and the next call starts a new Worker.
   */
  | 'ERR_WORKER'
  /** The temporary (STS) credentials expired and fresh ones could not be obtained or were rejected again. */
  | 'ERR_TOKEN_EXPIRED'
  /** A KMS (or STS) call failed; `@oss-cse/kms`'s `KmsError` carries KMS's Code, Message, RequestId and status. */
  | 'ERR_KMS'
  /**
   * Node CLI: a file named by a flag (`--private-key`, `--public-key`, `--keyring` and its entries, `--meta`) is
   * missing or cannot be read; `details` hold `flag`, `path` and `reason` (the system code: ENOENT, EACCES, EISDIR).
   * Uploads: a Blob or File source the runtime refuses to read (changed or removed after it was chosen, or a large
   * Blob the browser could not keep); `details.reason` is the DOMException name (NotReadableError, NotFoundError).
   */
  | 'ERR_FILE_UNREADABLE';

/** Options of the {@link OssCseError} constructor. */
export interface OssCseErrorOptions {
  /** The underlying error (kept as `error.cause`). */
  cause?: unknown;
  /** Extra machine-readable details (never key material). */
  details?: Readonly<Record<string, unknown>>;
}

/**
 * Base class of every error oss-cse throws on purpose.
 *
 * @example
 * ```ts
 * import { OssCseError } from '@oss-cse/core/errors';
 * const e = new OssCseError('ERR_INVALID_ARGUMENT', '"partSize" must be a positive integer');
 * e.code; // 'ERR_INVALID_ARGUMENT'
 * ```
 */
export class OssCseError extends Error {
  /** The stable code: branch on it, not on the message. */
  readonly code: OssCseErrorCode;
  /** Extra machine-readable details (never key material), e.g. `status` and `requestId` of an OSS answer. */
  readonly details: Readonly<Record<string, unknown>> | undefined;

  constructor(code: OssCseErrorCode, message: string, options: OssCseErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'OssCseError';
    this.code = code;
    this.details = options.details;
  }
}

/** The one message of every data-key unwrap failure (no oracle). */
export const UNWRAP_FAILED_MESSAGE = 'Unable to unwrap the data key: wrong master key, or corrupted key material';

/**
 * The error thrown for every unwrap failure: the same code and message whatever went wrong.
 *
 * @example
 * ```ts
 * import { unwrapFailed } from '@oss-cse/core/errors';
 * throw unwrapFailed(); // ERR_UNWRAP_FAILED, one message whatever failed
 * ```
 */
export function unwrapFailed(): OssCseError {
  return new OssCseError('ERR_UNWRAP_FAILED', UNWRAP_FAILED_MESSAGE);
}

/**
 * True when `e` is an {@link OssCseError}, optionally of one of `codes`.
 *
 * @example
 * ```ts
 * import { isOssCseError } from '@oss-cse/core/errors';
 * declare function download(): Promise<void>;
 * try {
 *   await download();
 * } catch (e) {
 *   if (isOssCseError(e, 'ERR_ABORTED')) console.log('cancelled');
 *   else throw e;
 * }
 * ```
 */
export function isOssCseError(e: unknown, ...codes: OssCseErrorCode[]): e is OssCseError {
  return e instanceof OssCseError && (codes.length === 0 || codes.includes(e.code));
}
