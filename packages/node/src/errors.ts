// Maps ali-oss / network failures to OssCseError codes, and decides which failures are worth retrying.
// (Cancellation errors come from core: abortedError / throwIfAborted.)
import { OssCseError } from '@oss-cse/core';

/** What ali-oss puts on its errors. */
interface OssErrorShape {
  status?: number;
  code?: string;
  name?: string;
  message?: string;
  requestId?: string;
}

const CREDENTIAL_CODES = new Set(['SecurityTokenExpired', 'InvalidSecurityToken', 'InvalidAccessKeyId']);
const RETRYABLE_CODES = new Set([
  'RequestTimeout', 'RequestTimeTooSkewed', 'ServiceUnavailable', 'SlowDown', 'Throttling', 'TooManyRequests', 'InternalError',
  'ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN',
]);
const RETRYABLE_NAMES = new Set(['ConnectionTimeoutError', 'ResponseTimeoutError', 'RequestError', 'ResponseError', 'SocketError', 'ConnectionResetError']);

/** True when the server said the (temporary) credentials are no longer valid. */
export function isCredentialRejection(e: unknown): boolean {
  const s = e as OssErrorShape;
  return typeof s === 'object' && s !== null && s.status === 403 && CREDENTIAL_CODES.has(String(s.code));
}

/**
 * True for a 403 whose error body ali-oss did not parse (its streaming GET reports `UnknownError` without an
 * OSS code). With temporary credentials this is most likely an expired token, so it is worth one refresh.
 */
export function isUnparsedForbidden(e: unknown): boolean {
  const s = e as OssErrorShape;
  return typeof s === 'object' && s !== null && s.status === 403 && (s.code === undefined || s.code === '') && s.name === 'UnknownError';
}

/** Converts anything an ali-oss call threw into an OssCseError with a stable code. */
export function toOssCseError(e: unknown, what: string): OssCseError {
  if (e instanceof OssCseError) return e;
  const s = (typeof e === 'object' && e !== null ? e : {}) as OssErrorShape;
  const status = typeof s.status === 'number' ? s.status : undefined;
  const ossCode = s.code === undefined ? undefined : String(s.code);
  const details = { status: status ?? null, ossCode: ossCode ?? null, requestId: s.requestId ?? null, retryable: isRetryable(e) };
  const text = `${what} failed: ${ossCode ? `${ossCode}: ` : ''}${firstLine(s.message ?? String(e))}`;
  if (status === 404) return new OssCseError('ERR_NOT_FOUND', text, { cause: e, details });
  if (status === 412) return new OssCseError('ERR_SOURCE_CHANGED', `${what}: the object changed since the transfer started (ETag no longer matches)`, { cause: e, details });
  if (status === 416 || ossCode === 'InvalidRange') return new OssCseError('ERR_INVALID_RANGE', text, { cause: e, details });
  if (isCredentialRejection(e) || ossCode === 'SignatureDoesNotMatch') return new OssCseError('ERR_CREDENTIALS', text, { cause: e, details });
  return new OssCseError('ERR_TRANSPORT', text, { cause: e, details });
}

/** Network errors, timeouts, 5xx and throttling are retried; other 4xx are not. */
export function isRetryable(e: unknown): boolean {
  if (e instanceof OssCseError) {
    if (e.code === 'ERR_CRC_MISMATCH') return true;
    if (e.code !== 'ERR_TRANSPORT') return false;
    return e.details?.['retryable'] === true;
  }
  const s = (typeof e === 'object' && e !== null ? e : {}) as OssErrorShape;
  const status = s.status;
  if (status === -1 || status === -2) return true;
  // A failure carrying a success status is a response cut off mid-body (ali-oss then fails to parse it).
  if (typeof status === 'number' && status >= 200 && status < 300) return true;
  if (typeof status === 'number' && (status >= 500 || status === 429)) return true;
  if (RETRYABLE_CODES.has(String(s.code))) return true;
  return status === undefined && RETRYABLE_NAMES.has(String(s.name));
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.slice(0, 300);
}
