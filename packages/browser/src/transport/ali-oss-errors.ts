// An ali-oss failure as the engine's error: OSS answers through ossError (the one table), no answer or a timeout
// through networkError. The ali-oss error itself is never kept: it carries the request's parameters (the
// Authorization header, the security token) and the raw answer.
import { OssCseError, type Credentials } from '@oss-cse/core';
import { networkError, ossError, redact } from '@oss-cse/transfer';

/** OSS error codes are identifiers; ali-oss sets `code` to its own error names (`RequestError`) for network failures. */
const OSS_CODE = /^[A-Za-z][A-Za-z0-9.]{0,63}$/;

/**
 * @example
 * ```ts
 * catch (e) { throw aliOssError(e, `GetObject ${key}`, { credentials, timeoutMs }); }
 * ```
 */
export function aliOssError(e: unknown, operation: string, context: { credentials: Credentials; timeoutMs: number }): OssCseError {
  if (e instanceof OssCseError) return e;
  const err = (typeof e === 'object' && e !== null ? e : {}) as { status?: unknown; code?: unknown; requestId?: unknown; message?: unknown };
  if (typeof err.status !== 'number') {
    // ali-oss refused the call before sending it (an argument it does not take).
    return new OssCseError('ERR_TRANSPORT', `${operation} failed: ali-oss did not send the request`, {
      details: { operation, status: null, ossCode: null, requestId: null, retryable: false },
    });
  }
  if (err.status === -2) return networkError(operation, `no answer within ${context.timeoutMs} ms (timeout)`);
  if (err.status <= 0) return networkError(operation, 'network error (the connection failed, or CORS blocked the request)');
  const code = typeof err.code === 'string' && OSS_CODE.test(err.code) && !err.code.endsWith('Error') ? err.code : undefined;
  const { accessKeySecret, securityToken } = context.credentials;
  return ossError({
    operation,
    status: err.status,
    ossCode: code,
    requestId: typeof err.requestId === 'string' ? err.requestId : undefined,
    // ali-oss's text for an answer without a readable code ("Unknow error, status: 403") says nothing OSS said.
    ossMessage: code === undefined || typeof err.message !== 'string' ? undefined : redact(err.message, [accessKeySecret, securityToken]),
  });
}
