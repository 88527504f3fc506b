// The error shapes ali-oss 6.23 throws (Node build over urllib, browser build) become the engine's errors: the
// ones that got no complete answer are retryable ERR_TRANSPORT, OSS answers go through the one table, and nothing
// of the request (secret, token, URL) is kept.
import { OssCseError } from '@oss-cse/core';
import { describe, expect, it } from 'vitest';
import { isRetryable } from '../../errors/oss-errors.js';
import { aliOssError } from './ali-oss-errors.js';

const credentials = { accessKeyId: 'STS.id', accessKeySecret: 'the-secret-value', securityToken: 'the-security-token' };
const context = { credentials, timeoutMs: 800 };
const shape = (fields: Record<string, unknown>) => Object.assign(new Error(String(fields['message'] ?? 'x')), fields);

/** Everything an error shows, along its cause chain. */
function shown(e: OssCseError): string {
  const out: string[] = [];
  for (let c: unknown = e; c; c = (c as { cause?: unknown }).cause)
    out.push(String(c), JSON.stringify((c as OssCseError).details ?? {}));
  return out.join('\n');
}

describe('aliOssError', () => {
  it.each([
    [
      'a reset socket (urllib RequestError, status -1)',
      {
        status: -1,
        name: 'RequestError',
        code: 'RequestError',
        message: 'read ECONNRESET (req "error"), GET http://h/b/k?x=1',
      },
      'network error (ECONNRESET)',
    ],
    [
      'a refused connection without a status',
      { name: 'RequestError', code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:1' },
      'network error (ECONNREFUSED)',
    ],
    [
      'a response timeout (status -2)',
      { status: -2, name: 'ResponseTimeoutError', message: 'Response timeout for 800ms, GET http://h/b/k' },
      'no answer within 800 ms (timeout)',
    ],
    [
      'a connection timeout without a status',
      { name: 'ConnectionTimeoutError', message: 'Connect timeout for 800ms' },
      'no answer within 800 ms (timeout)',
    ],
    ['a socket error by name only', { name: 'SocketError', message: 'socket closed' }, 'network error (SocketError)'],
    [
      'an answer cut off while its XML was read (status 200)',
      { status: 200, name: 'Error', message: 'Unexpected end\nraw xml: <Li' },
      'the 200 answer could not be read to its end',
    ],
    [
      'a browser XHR failure (status 0)',
      { status: 0, name: 'RequestError', message: 'XHR error' },
      'network error (RequestError)',
    ],
  ])('%s is retryable ERR_TRANSPORT without a status', (_what, fields, reason) => {
    const e = aliOssError(shape(fields), 'GetObject k', context);
    expect([e.code, isRetryable(e), e.details?.['status']]).toEqual(['ERR_TRANSPORT', true, null]);
    expect(e.message).toBe(`GetObject k failed: ${reason}`);
    expect(shown(e)).not.toMatch(/http:|x=1/);
  });

  it('OSS answers go through the one table, with the code, status and request id', () => {
    const cases: Array<[Record<string, unknown>, string, boolean]> = [
      [
        { status: 503, code: 'ServiceUnavailable', name: 'ServiceUnavailableError', requestId: 'R1' },
        'ERR_TRANSPORT',
        true,
      ],
      [{ status: 403, code: 'SecurityTokenExpired', name: 'SecurityTokenExpiredError' }, 'ERR_TOKEN_EXPIRED', false],
      [{ status: 403, code: 'RequestTimeTooSkewed', name: 'RequestTimeTooSkewedError' }, 'ERR_TRANSPORT', true],
      [{ status: 403, code: 'AccessDenied', name: 'AccessDeniedError' }, 'ERR_ACCESS_DENIED', false],
      [{ status: 403, name: 'UnknownError', message: 'Unknow error, status: 403' }, 'ERR_ACCESS_DENIED', false],
      [{ status: 404, code: 'NoSuchKey', name: 'NoSuchKeyError' }, 'ERR_NOT_FOUND', false],
      [{ status: 412, code: 'PreconditionFailed', name: 'PreconditionFailedError' }, 'ERR_SOURCE_CHANGED', false],
    ];
    for (const [fields, code, retryable] of cases) {
      const e = aliOssError(shape(fields), 'UploadPart k #2', context);
      expect([e.code, isRetryable(e)], JSON.stringify(fields)).toEqual([code, retryable]);
      expect(e.details).toMatchObject({
        status: fields['status'],
        ossCode: fields['code'] ?? null,
        requestId: fields['requestId'] ?? null,
      });
    }
  });

  it("OSS's message is kept scrubbed of the secret and the token; ali-oss's own text and the request never are", () => {
    const echoed = aliOssError(
      shape({ status: 400, code: 'InvalidArgument', message: 'bad the-security-token and the-secret-value' }),
      'PutObject k',
      context,
    );
    expect(echoed.message).toBe('PutObject k failed: 400 InvalidArgument: bad [redacted] and [redacted]');
    const raw = shape({
      status: 403,
      name: 'UnknownError',
      message: 'Unknow error, status: 403',
      params: { headers: { authorization: 'OSS4 sig', 'x-oss-security-token': credentials.securityToken } },
    });
    const e = aliOssError(raw, 'GetObject k', context);
    expect(e.cause).toBeUndefined();
    expect(shown(e)).not.toMatch(/the-security-token|the-secret-value|OSS4 sig|Unknow error/);
  });

  it('an error ali-oss threw before sending is not retryable; an OssCseError passes through', () => {
    const e = aliOssError(new TypeError('bad argument'), 'HeadObject k', context);
    expect([e.code, isRetryable(e), e.message]).toEqual([
      'ERR_TRANSPORT',
      false,
      'HeadObject k failed: ali-oss did not send the request',
    ]);
    const ours = new OssCseError('ERR_ABORTED', 'aborted');
    expect(aliOssError(ours, 'HeadObject k', context)).toBe(ours);
  });
});
