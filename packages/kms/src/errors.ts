/**
 * The typed error of `@oss-cse/kms`. KMS refusals are not a decryption oracle (KMS authenticates its own
 * blobs), so unlike RSA unwrap failures they keep KMS's `Code`, `RequestId` and a redacted `Message` visible:
 * a wrong EncryptionContext, a disabled key or a missing RAM permission is something the user must be able to
 * fix. No request parameter value (data key, passphrase, token, secret) is ever in a KmsError: the gateway's
 * message is cut to its first sentence and scrubbed of what was sent, and no `cause` holds a body or a URL.
 *
 * @example
 * ```ts
 * import { isKmsError } from '@oss-cse/kms';
 * try { await decryptObject({ keyring, headers, ciphertext }); }
 * catch (e) { if (isKmsError(e) && e.kmsCode === 'Rejected.Disabled') console.error('enable the KMS key', e.requestId);
 * }
 * ```
 */
import { OssCseError, type OssCseErrorCode } from '@oss-cse/core';

/** The stable `code` of every {@link KmsError}. */
export const ERR_KMS = 'ERR_KMS' satisfies OssCseErrorCode;

/**
 * Why a KMS call failed:
 * - `rejected`: KMS (or the gateway) answered with an error (`kmsCode`, `httpStatus`, `requestId` set);
 * - `network`: `fetch` failed (DNS, TLS, connection, CORS in a browser);
 * - `timeout`: no answer within the configured timeout (after the retries);
 * - `bad-response`: a 2xx answer that is not the JSON KMS sends, or lacks a field;
 * - `credentials`: the credentials provider failed or returned something unusable.
 */
export type KmsFailureReason = 'rejected' | 'network' | 'timeout' | 'bad-response' | 'credentials';

/** Options of the {@link KmsError} constructor. */
export interface KmsErrorOptions {
  /** What kind of failure. */
  readonly reason: KmsFailureReason;
  /** The RPC action. */
  readonly action?: string | undefined;
  /** KMS's error Code. */
  readonly kmsCode?: string | undefined;
  /** KMS's error Message (redacted by the constructor). */
  readonly kmsMessage?: string | undefined;
  /** KMS's RequestId. */
  readonly requestId?: string | undefined;
  /** The HTTP status. */
  readonly httpStatus?: number | undefined;
  /** The underlying error. */
  readonly cause?: unknown;
}

/**
 * A failed KMS (or STS) call. `code` is always `ERR_KMS`.
 *
 * @example
 * ```ts
 * import { KmsError } from '@oss-cse/kms';
 * const e = new KmsError('KMS refused the request', { reason: 'rejected', kmsCode: 'Forbidden.KeyNotFound' });
 * e.kmsCode; // 'Forbidden.KeyNotFound'
 * ```
 */
export class KmsError extends OssCseError {
  /** What kind of failure: `rejected`, `network`, `timeout`, `bad-response` or `credentials`. */
  readonly reason: KmsFailureReason;
  /** The RPC action (`GenerateDataKey`, `Encrypt`, `Decrypt`, `DescribeKey`, `AssumeRole`). */
  readonly action: string | undefined;
  /** KMS's error `Code` (`Rejected.Disabled`, `Forbidden.KeyNotFound`, `InvalidParameter`, …). */
  readonly kmsCode: string | undefined;
  /**
   * KMS's error `Message`, redacted: its first sentence only (before the first `.`, `:` or line break), with
   * any value the request sent blanked as `***`. The "server string to sign is:…" echo never gets here.
   */
  readonly kmsMessage: string | undefined;
  /** KMS's RequestId, for support tickets. */
  readonly requestId: string | undefined;
  /** The HTTP status of the answer. */
  readonly httpStatus: number | undefined;

  constructor(message: string, options: KmsErrorOptions) {
    super(ERR_KMS, message, {
      cause: options.cause,
      details: {
        reason: options.reason,
        action: options.action,
        kmsCode: options.kmsCode,
        requestId: options.requestId,
        httpStatus: options.httpStatus,
      },
    });
    this.name = 'KmsError';
    this.reason = options.reason;
    this.action = options.action;
    this.kmsCode = options.kmsCode;
    this.kmsMessage = options.kmsMessage;
    this.requestId = options.requestId;
    this.httpStatus = options.httpStatus;
  }
}

/**
 * True when `e` is a {@link KmsError}, optionally with one of the given KMS codes.
 *
 * @example
 * ```ts
 * import { isKmsError, type KmsMasterKey } from '@oss-cse/kms';
 * declare const masterKey: KmsMasterKey, dataKey: Uint8Array;
 * try {
 *   await masterKey.wrap(dataKey, { part: 'key' });
 * } catch (e) {
 *   if (isKmsError(e, 'Forbidden.KeyNotFound', 'Forbidden.AliasNotFound')) console.log('ask for another key id');
 * }
 * ```
 */
export function isKmsError(e: unknown, ...kmsCodes: string[]): e is KmsError {
  return e instanceof KmsError && (kmsCodes.length === 0 || (e.kmsCode !== undefined && kmsCodes.includes(e.kmsCode)));
}
