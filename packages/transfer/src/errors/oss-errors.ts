// The one mapping from OSS answers and network failures to OssCseError codes, and the one retry rule. Every
// transport reports through ossError/networkError, so the same condition has the same code in every runtime.
import { OssCseError, type OssCseErrorCode } from '@oss-cse/core';

/** OSS codes meaning "these temporary credentials are no longer valid": the engine refreshes and resends. */
const STALE_TOKEN_CODES: ReadonlySet<string> = new Set(['SecurityTokenExpired', 'InvalidSecurityToken']);
/** OSS codes meaning "these credentials are wrong" (not worth a retry with the same ones). */
const BAD_CREDENTIAL_CODES: ReadonlySet<string> = new Set(['InvalidAccessKeyId', 'SignatureDoesNotMatch']);
/** OSS codes worth another attempt whatever their status. */
const RETRYABLE_CODES: ReadonlySet<string> = new Set([
  'RequestTimeout',
  'RequestTimeTooSkewed',
  'ServiceUnavailable',
  'SlowDown',
  'Throttling',
  'TooManyRequests',
  'InternalError',
]);

/** What a transport knows of a failed OSS answer. Never pass request parameters or signatures in `message`. */
export interface OssAnswer {
  /** `GetObject photos/a.jpg`, `UploadPart big.bin #3`, ... */
  readonly operation: string;
  /** HTTP status. */
  readonly status: number;
  /** OSS `<Code>` (or the `x-oss-err` header's), when the body or header carried one. */
  readonly ossCode?: string | undefined;
  /** OSS's `x-oss-request-id`, for support tickets. */
  readonly requestId?: string | undefined;
  /** OSS `<Message>`, first line only; it is the server's text about the request, never echoed secrets. */
  readonly ossMessage?: string | undefined;
  /** The underlying error. */
  readonly cause?: unknown;
}

/** The details every transport error carries (`error.details`). */
export type TransportErrorDetails = {
  /** The operation and key: `GetObject photos/a.jpg`. */
  readonly operation: string;
  /** HTTP status, or null when no answer arrived. */
  readonly status: number | null;
  /** OSS's error `<Code>`, or null. */
  readonly ossCode: string | null;
  /** OSS's `x-oss-request-id`, or null. */
  readonly requestId: string | null;
  /** Whether the engine may resend the request. */
  readonly retryable: boolean;
};

/**
 * Maps an OSS error answer to its code: 404 → ERR_NOT_FOUND, 412 → ERR_SOURCE_CHANGED, 416/InvalidRange →
 * ERR_INVALID_RANGE, a stale temporary token → ERR_TOKEN_EXPIRED, wrong credentials → ERR_CREDENTIALS, other
 * 403 → ERR_ACCESS_DENIED, anything else ERR_TRANSPORT (retryable for 5xx, 429 and the codes above).
 *
 * @example
 * ```ts
 * import { ossError } from '@oss-cse/transfer';
 * const res = await fetch('https://photos.oss-cn-hangzhou.aliyuncs.com/a.jpg');
 * if (!res.ok) throw ossError({ operation: 'GetObject a.jpg', status: res.status, ossCode: 'NoSuchKey' });
 * ```
 */
export function ossError(answer: OssAnswer): OssCseError {
  const { operation, status } = answer;
  const ossCode = answer.ossCode || undefined;
  const retryable = status >= 500 || status === 429 || (ossCode !== undefined && RETRYABLE_CODES.has(ossCode));
  const details: TransportErrorDetails = {
    operation,
    status,
    ossCode: ossCode ?? null,
    requestId: answer.requestId ?? null,
    retryable,
  };
  const said = `${status}${ossCode ? ` ${ossCode}` : ''}${answer.ossMessage ? `: ${firstLine(answer.ossMessage)}` : ''}`;
  const [code, message] = classify(status, ossCode, operation, said);
  return new OssCseError(code, message, { cause: answer.cause, details });
}

function classify(
  status: number,
  ossCode: string | undefined,
  operation: string,
  said: string,
): [OssCseErrorCode, string] {
  if (status === 404) return ['ERR_NOT_FOUND', `${operation}: not found (${said})`];
  if (status === 412)
    return [
      'ERR_SOURCE_CHANGED',
      `${operation}: the object changed since the transfer started (its ETag no longer matches)`,
    ];
  if (status === 416 || ossCode === 'InvalidRange')
    return ['ERR_INVALID_RANGE', `${operation}: the range cannot be satisfied (${said})`];
  if (ossCode !== undefined && STALE_TOKEN_CODES.has(ossCode)) {
    return ['ERR_TOKEN_EXPIRED', `${operation}: the temporary credentials expired or were revoked (${said})`];
  }
  if (ossCode !== undefined && BAD_CREDENTIAL_CODES.has(ossCode)) {
    return ['ERR_CREDENTIALS', `${operation}: the credentials were rejected (${said})`];
  }
  // A transient condition (a skewed clock is a 403) stays retryable, whatever its status.
  if (ossCode !== undefined && RETRYABLE_CODES.has(ossCode)) return ['ERR_TRANSPORT', `${operation} failed: ${said}`];
  if (status === 403) return ['ERR_ACCESS_DENIED', `${operation}: access denied (${said})`];
  return ['ERR_TRANSPORT', `${operation} failed: ${said}`];
}

/**
 * Whether a failed HEAD answer (which has no body) should be followed by a GET of byte 0 to learn its OSS code: a
 * 4xx other than 404/412/416 whose `x-oss-err` header was not readable (a browser, unless the bucket exposes it),
 * so that a stale token is still ERR_TOKEN_EXPIRED and not ERR_ACCESS_DENIED.
 *
 * @example
 * ```ts
 * import { headNeedsProbe } from '@oss-cse/transfer';
 * headNeedsProbe({ operation: 'HeadObject a.jpg', status: 403 }); // true: no body named the OSS code
 * ```
 */
export function headNeedsProbe(answer: OssAnswer): boolean {
  return (
    answer.ossCode === undefined &&
    answer.status >= 400 &&
    answer.status < 500 &&
    ![404, 412, 416].includes(answer.status)
  );
}

/**
 * A request that got no (complete) answer: connection refused or reset, timeout, a body cut off. Always
 * retryable; `reason` is a short description of the failure, never a URL with a signature.
 *
 * @example
 * ```ts
 * import { networkError } from '@oss-cse/transfer';
 * throw networkError('GetObject a.jpg', 'connection reset'); // ERR_TRANSPORT, retryable
 * ```
 */
export function networkError(operation: string, reason: string, cause?: unknown): OssCseError {
  const details: TransportErrorDetails = { operation, status: null, ossCode: null, requestId: null, retryable: true };
  return new OssCseError('ERR_TRANSPORT', `${operation} failed: ${reason}`, { cause, details });
}

/**
 * Whether the engine may resend: transport errors marked retryable, and CRC mismatches (bytes damaged in flight;
 * not a missing CRC header, which a resend does not bring back).
 *
 * @example
 * ```ts
 * import { isRetryable, networkError } from '@oss-cse/transfer';
 * isRetryable(networkError('GetObject a.jpg', 'connection reset')); // true
 * ```
 */
export function isRetryable(e: unknown): boolean {
  if (!(e instanceof OssCseError)) return false;
  if (e.code === 'ERR_CRC_MISMATCH') return e.details?.['server'] !== null;
  return e.code === 'ERR_TRANSPORT' && e.details?.['retryable'] === true;
}

function firstLine(text: string): string {
  return text.split('\n', 1)[0]!.slice(0, 200);
}
