// The one error table: a code OSS sends for a transient condition is retryable ERR_TRANSPORT whatever the status
// it comes with (RequestTimeTooSkewed is a 403), so the retry rule and the code never disagree.
import { describe, expect, it } from 'vitest';
import { isRetryable, ossError } from './oss-errors.js';

describe('ossError', () => {
  it('a 403 RequestTimeTooSkewed is retryable ERR_TRANSPORT, not ERR_ACCESS_DENIED', () => {
    const e = ossError({
      operation: 'UploadPart a.bin #3',
      status: 403,
      ossCode: 'RequestTimeTooSkewed',
      requestId: 'R1',
    });
    expect([e.code, isRetryable(e)]).toEqual(['ERR_TRANSPORT', true]);
    expect(e.details).toEqual({
      operation: 'UploadPart a.bin #3',
      status: 403,
      ossCode: 'RequestTimeTooSkewed',
      requestId: 'R1',
      retryable: true,
    });
  });

  it('other 403s keep their codes: a policy is ERR_ACCESS_DENIED, a stale token ERR_TOKEN_EXPIRED, a bad signature ERR_CREDENTIALS', () => {
    const code = (ossCode: string | undefined) => ossError({ operation: 'GetObject k', status: 403, ossCode }).code;
    expect([
      code('AccessDenied'),
      code(undefined),
      code('SecurityTokenExpired'),
      code('SignatureDoesNotMatch'),
    ]).toEqual(['ERR_ACCESS_DENIED', 'ERR_ACCESS_DENIED', 'ERR_TOKEN_EXPIRED', 'ERR_CREDENTIALS']);
    expect(isRetryable(ossError({ operation: 'GetObject k', status: 403, ossCode: 'AccessDenied' }))).toBe(false);
  });
});
