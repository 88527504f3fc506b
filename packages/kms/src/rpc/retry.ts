// Which failures are worth another attempt (the backoff itself is core's `withRetry`: exponential, full jitter).
import { KmsError } from '../errors.js';

/** How often and how long to retry a KMS call. */
export interface RetryOptions {
  /** Extra attempts after the first. Default 3. */
  readonly retries?: number;
  /** First backoff ceiling in ms (doubled each retry). Default 200. */
  readonly baseDelayMs?: number;
  /** Largest backoff ceiling in ms. Default 3000. */
  readonly maxDelayMs?: number;
}

/** Codes that mean the STS token (or its key) is stale: refresh the credentials and try again once. */
export const TOKEN_EXPIRED_CODES: ReadonlySet<string> = new Set([
  'InvalidSecurityToken.Expired',
  'SecurityTokenExpired',
  'InvalidAccessKeyId.NotFound',
]);

/**
 * True for throttling, 5xx answers, network failures and timeouts. Every KMS crypto action is safe to repeat.
 *
 * @example
 * ```ts
 * import { isRetryable, KmsError } from '@oss-cse/kms';
 * isRetryable(new KmsError('…', { reason: 'rejected', kmsCode: 'Throttling.User', httpStatus: 400 })); // true
 * ```
 */
export function isRetryable(e: unknown): boolean {
  if (!(e instanceof KmsError)) return false;
  if (e.reason === 'network' || e.reason === 'timeout') return true;
  if (e.reason !== 'rejected') return false;
  const code = e.kmsCode ?? '';
  return (e.httpStatus ?? 0) >= 500 || code.startsWith('Throttling') || code.startsWith('ServiceUnavailable');
}
