// The headers a signed OSS request goes out with: the request's own, `x-oss-date` in the version's form,
// `x-oss-content-sha256: UNSIGNED-PAYLOAD` (V4), `x-oss-security-token` (temporary credentials), `authorization`.
import type { Credentials } from '@oss-cse/core';
import { signV1 } from './sign-v1.js';
import { signV4 } from './sign-v4.js';
import { lowerCaseHeaders, type OssRequestToSign } from './signing-request.js';
import { ossDates } from './webcrypto.js';

/** `v4` = OSS4-HMAC-SHA256 (the default), `v1` = HMAC-SHA1. */
export type SignatureVersion = 'v4' | 'v1';

/** What {@link signRequest} signs. */
export interface SignRequestInput {
  /** The signature version. */
  readonly version: SignatureVersion;
  /** The request to sign. */
  readonly request: OssRequestToSign;
  /** The credentials to sign with. */
  readonly credentials: Credentials;
  /** Bare region id; required for V4. */
  readonly region?: string | undefined;
  /** The signing time (the server refuses more than 15 minutes of skew). */
  readonly now: Date;
}

/**
 * Every header to send, with lower-case names, `authorization` included.
 *
 * @throws RangeError for V4 without a region.
 * @example
 * ```ts
 * import { signRequest } from '@oss-cse/transfer';
 * import type { Credentials } from '@oss-cse/core';
 * declare const credentials: Credentials;
 * const request = { method: 'GET', bucket: 'photos', key: 'a.jpg' };
 * const now = new Date();
 * const headers = await signRequest({ version: 'v4', request, credentials, region: 'cn-hangzhou', now });
 * await fetch('https://photos.oss-cn-hangzhou.aliyuncs.com/a.jpg', { headers });
 * ```
 */
export async function signRequest(input: SignRequestInput): Promise<Record<string, string>> {
  const { version, credentials, now } = input;
  const headers = lowerCaseHeaders(input.request.headers);
  const dates = ossDates(now);
  if (version === 'v4') {
    headers['x-oss-date'] = dates.iso8601;
    headers['x-oss-content-sha256'] = 'UNSIGNED-PAYLOAD';
  } else {
    headers['x-oss-date'] = dates.rfc1123;
  }
  if (credentials.securityToken !== undefined) headers['x-oss-security-token'] = credentials.securityToken;
  const request = { ...input.request, headers };
  let authorization: string;
  if (version === 'v4') {
    /* Precondition: V4 signs with the region. */
    if (input.region === undefined) throw new RangeError('signature V4 needs a region');
    authorization = (await signV4(request, { credentials, region: input.region })).authorization;
  } else {
    authorization = (await signV1(request, credentials)).authorization;
  }
  return { ...headers, authorization };
}
