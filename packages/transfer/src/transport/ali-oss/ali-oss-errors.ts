// An ali-oss 6.x failure (its Node build over urllib, or its browser build) as the engine's error: an OSS answer
// through ossError (the one table), no answer, a timeout or an answer cut off through networkError. The ali-oss
// error itself is never kept: it carries the request's parameters (the Authorization header, the security token),
// the URL and the raw answer; only OSS's code, request id and (scrubbed) message are.
import { OssCseError, type Credentials } from '@oss-cse/core';
import { networkError, ossError } from '../../errors/oss-errors.js';
import { redact } from '../fetch/error-answer.js';

/**
 * OSS error codes are identifiers; ali-oss sets `code` to its own error names (`RequestError`) for network failures.
 */
const OSS_CODE = /^[A-Za-z][A-Za-z0-9.]{0,63}$/;
/** What urllib and ali-oss call failures that got no (complete) answer. */
const NETWORK_NAMES: ReadonlySet<string> = new Set([
  'RequestError',
  'ResponseError',
  'SocketError',
  'ConnectionResetError',
  'ConnectionTimeoutError',
  'ResponseTimeoutError',
  'SocketAssignTimeoutError',
  'RequestAbortedError',
]);
const TIMEOUT_NAMES: ReadonlySet<string> = new Set([
  'ConnectionTimeoutError',
  'ResponseTimeoutError',
  'SocketAssignTimeoutError',
]);
/** A system error code (ECONNRESET...), the only part of a network failure's text that is repeated. */
const SYSTEM_CODE =
  /\b(E(?:CONNRESET|CONNREFUSED|CONNABORTED|PIPE|TIMEDOUT|NOTFOUND|AI_AGAIN|HOSTUNREACH|NETUNREACH|PROTO))\b/;

/** What {@link aliOssError} needs besides the error. */
export interface AliOssErrorContext {
  /** The credentials the request was signed with: scrubbed from OSS's message in case a server echoes them. */
  readonly credentials?: Credentials | undefined;
  /** The transport's timeout, named when a request timed out. */
  readonly timeoutMs: number;
}

/**
 * @example
 * ```ts
 * import { aliOssError } from '@oss-cse/transfer';
 * declare function getWithAliOss(key: string): Promise<unknown>;
 * try {
 *   await getWithAliOss('a.jpg');
 * } catch (e) {
 *   throw aliOssError(e, 'GetObject a.jpg', { timeoutMs: 60_000 });
 * }
 * ```
 */
export function aliOssError(e: unknown, operation: string, context: AliOssErrorContext): OssCseError {
  if (e instanceof OssCseError) return e;
  const err = (typeof e === 'object' && e !== null ? e : {}) as {
    status?: unknown;
    code?: unknown;
    name?: unknown;
    requestId?: unknown;
    message?: unknown;
  };
  const status = typeof err.status === 'number' ? err.status : undefined;
  const name = typeof err.name === 'string' ? err.name : '';
  const system = [err.code, err.message]
    .map((t) => (typeof t === 'string' ? SYSTEM_CODE.exec(t)?.[1] : undefined))
    .find((c) => c !== undefined);
  if (status === -2 || TIMEOUT_NAMES.has(name))
    return networkError(operation, `no answer within ${context.timeoutMs} ms (timeout)`);
  if (
    (status !== undefined && status <= 0) ||
    (status === undefined && (NETWORK_NAMES.has(name) || system !== undefined))
  ) {
    return networkError(
      operation,
      `network error (${system ?? (NETWORK_NAMES.has(name) ? name : 'the connection failed')})`,
    );
  }
  if (status === undefined) {
    // ali-oss refused the call before sending it (an argument it does not take).
    return new OssCseError('ERR_TRANSPORT', `${operation} failed: ali-oss did not send the request`, {
      details: { operation, status: null, ossCode: null, requestId: null, retryable: false },
    });
  }
  // A failure with a success status: the answer was cut off while ali-oss read it (its XML did not parse).
  if (status >= 200 && status < 300)
    return networkError(operation, `the ${status} answer could not be read to its end`);
  const code =
    typeof err.code === 'string' && OSS_CODE.test(err.code) && !err.code.endsWith('Error') ? err.code : undefined;
  const secrets = [context.credentials?.accessKeySecret, context.credentials?.securityToken];
  return ossError({
    operation,
    status,
    ossCode: code,
    requestId: typeof err.requestId === 'string' ? err.requestId : undefined,
    // ali-oss's text for an answer without a readable code ("Unknow error, status: 403") says nothing OSS said.
    ossMessage: code === undefined || typeof err.message !== 'string' ? undefined : redact(err.message, secrets),
  });
}
