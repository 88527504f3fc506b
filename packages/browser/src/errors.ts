// Error helpers of @oss-cse/browser: every failure is an OssCseError with a stable code (see @oss-cse/core/errors).
import { OssCseError, type OssCseErrorCode } from '@oss-cse/core';

export { OssCseError, isOssCseError, type OssCseErrorCode } from '@oss-cse/core';

/** OSS error codes meaning "these temporary credentials are no longer valid": refresh and retry. */
export const STALE_CREDENTIAL_CODES: readonly string[] = ['SecurityTokenExpired', 'InvalidSecurityToken', 'InvalidAccessKeyId'];

export { abortedError, throwIfAborted } from '@oss-cse/core';

/**
 * An OSS or network failure with its HTTP status, OSS error code and request id. 412 (a failed `If-Match`) means
 * the object changed since the read started: ERR_SOURCE_CHANGED.
 */
export function transportError(
  message: string,
  details: { status: number; ossCode?: string | undefined; requestId?: string | undefined; operation: string },
  cause?: unknown,
): OssCseError {
  let code: OssCseErrorCode = 'ERR_TRANSPORT';
  if (details.status === 404) code = 'ERR_NOT_FOUND';
  else if (details.status === 412) code = 'ERR_SOURCE_CHANGED';
  else if (details.ossCode && STALE_CREDENTIAL_CODES.includes(details.ossCode)) code = 'ERR_TOKEN_EXPIRED';
  else if (details.status === 403) code = 'ERR_CREDENTIALS';
  const text = code === 'ERR_SOURCE_CHANGED' ? `${message} (the object changed since the read started; read it again)` : message;
  return new OssCseError(code, text, { cause, details });
}

/** True for failures worth another attempt: network errors, timeouts, 5xx, throttling and CRC mismatches. */
export function isRetryable(e: unknown): boolean {
  if (!(e instanceof OssCseError)) return false;
  if (e.code === 'ERR_CRC_MISMATCH') return true;
  if (e.code !== 'ERR_TRANSPORT') return false;
  const status = Number(e.details?.['status'] ?? 0);
  const ossCode = String(e.details?.['ossCode'] ?? '');
  return status <= 0 || status >= 500 || status === 429 || ossCode === 'RequestTimeTooSkewed';
}

/** The error for a response header the bucket's CORS rule does not expose to this page. */
export function corsError(message: string, missing: { allowedHeaders?: string[]; exposeHeaders?: string[] }): OssCseError {
  return new OssCseError('ERR_CORS', message, { details: { missingAllowedHeaders: missing.allowedHeaders ?? [], missingExposeHeaders: missing.exposeHeaders ?? [] } });
}
