import { timingSafeEqual } from 'node:crypto';
import { OssErrors } from '../errors/catalog.js';
import type { Clock, StsPolicyStatement } from '../shared/contracts.js';
import { httpDate, parseHttpDate, parseIsoBasic } from '../shared/time-format.js';
import { parseSignatureClaim } from './parse-credentials.js';
import type { SignedRequest } from './signed-request.js';
import { v1Signature, v1StringToSign } from './v1.js';
import { v4AdditionalHeaders, v4CanonicalRequest, v4Scope, v4Signature, v4SigningKey, v4StringToSign } from './v4.js';

/** Maximum difference between the request time and the server time. */
export const MAX_SKEW_MS = 15 * 60 * 1000;
const MAX_V4_EXPIRES_S = 7 * 24 * 3600;

export interface ResolvedCredential {
  accessKeySecret: string;
  /** STS policy attached to a temporary credential. */
  policy?: StsPolicyStatement[];
  temporary: boolean;
}

/**
 * Looks up the secret of an AccessKeyId (and checks an STS token); throws an OssError for unknown or bad credentials.
 */
export type CredentialResolver = (accessKeyId: string, securityToken: string | undefined) => ResolvedCredential;

export type Principal =
  | { kind: 'anonymous' }
  | { kind: 'account' | 'temporary'; accessKeyId: string; scheme: string; policy?: StsPolicyStatement[] };

export interface AuthenticateOptions {
  clock: Clock;
  /** The server region, e.g. `cn-hangzhou`; V4 scopes must name it. */
  region: string;
  resolveCredential: CredentialResolver;
}

function sameSignature(a: string, b: string): boolean {
  const ba = Buffer.from(a);
  const bb = Buffer.from(b);
  return ba.length === bb.length && timingSafeEqual(ba, bb);
}

function checkSkew(requestMs: number | undefined, raw: string, now: number): void {
  if (requestMs === undefined)
    throw OssErrors.accessDenied('OSS authentication requires a valid Date.', '0002-00000018');
  if (Math.abs(now - requestMs) > MAX_SKEW_MS) throw OssErrors.requestTimeTooSkewed(raw, httpDate(now));
}

/** Verifies the request signature (V1/V4, header or presigned query) and returns who signed it. */
export function authenticate(req: SignedRequest, options: AuthenticateOptions): Principal {
  const claim = parseSignatureClaim(req);
  if (claim.scheme === 'anonymous') return { kind: 'anonymous' };
  const now = options.clock.now();

  let expected: string;
  let details: Record<string, string>;
  let credential: ResolvedCredential;
  if (claim.scheme === 'v1-header' || claim.scheme === 'v1-query') {
    let dateLine: string;
    if (claim.scheme === 'v1-header') {
      dateLine = req.headers['x-oss-date'] ?? req.headers.date ?? '';
      checkSkew(parseHttpDate(dateLine), dateLine, now);
    } else {
      dateLine = claim.expires;
      const expires = Number(claim.expires);
      if (!/^\d+$/.test(claim.expires)) throw OssErrors.invalidAuthorization('Expires must be a number of seconds.');
      if (expires * 1000 < now) throw OssErrors.requestExpired(httpDate(expires * 1000), httpDate(now));
    }
    credential = options.resolveCredential(claim.accessKeyId, claim.securityToken);
    const stringToSign = v1StringToSign(req, dateLine);
    expected = v1Signature(credential.accessKeySecret, stringToSign);
    details = { SignatureProvided: claim.signature, StringToSign: stringToSign, OSSAccessKeyId: claim.accessKeyId };
  } else {
    const isoDate = claim.scheme === 'v4-header' ? req.headers['x-oss-date'] : req.query.get('x-oss-date');
    const signedAt = parseIsoBasic(isoDate);
    if (signedAt === undefined || !isoDate)
      throw OssErrors.invalidAuthorization('x-oss-date must be in the form yyyyMMddTHHmmssZ.');
    if (claim.day !== isoDate.slice(0, 8))
      throw OssErrors.invalidAuthorization('Invalid signing date in Authorization header.');
    if (claim.product !== 'oss')
      throw OssErrors.invalidAuthorization('Invalid signing product in Authorization header.');
    if (claim.region !== options.region)
      throw OssErrors.invalidAuthorization('Invalid signing region in Authorization header.');
    if (claim.scheme === 'v4-header') {
      if (req.headers['x-oss-content-sha256'] !== 'UNSIGNED-PAYLOAD') {
        throw OssErrors.invalidArgument(
          'Only UNSIGNED-PAYLOAD is supported for x-oss-content-sha256.',
          '0002-00000214',
        );
      }
      checkSkew(signedAt, isoDate, now);
    } else {
      const rawExpires = req.query.get('x-oss-expires') ?? '';
      const expires = Number(rawExpires);
      if (!/^\d+$/.test(rawExpires) || expires > MAX_V4_EXPIRES_S)
        throw OssErrors.invalidAuthorization('x-oss-expires is invalid.');
      if (signedAt - MAX_SKEW_MS > now) throw OssErrors.requestTimeTooSkewed(isoDate, httpDate(now));
      if (signedAt + expires * 1000 < now)
        throw OssErrors.requestExpired(httpDate(signedAt + expires * 1000), httpDate(now));
    }
    credential = options.resolveCredential(claim.accessKeyId, claim.securityToken);
    const additional = v4AdditionalHeaders(req.headers, claim.additionalHeaders);
    const canonicalRequest = v4CanonicalRequest(
      req,
      additional,
      claim.scheme === 'v4-query' ? ['x-oss-signature'] : [],
    );
    const stringToSign = v4StringToSign(isoDate, v4Scope(claim.day, claim.region, claim.product), canonicalRequest);
    expected = v4Signature(
      v4SigningKey(credential.accessKeySecret, claim.day, claim.region, claim.product),
      stringToSign,
    );
    details = {
      SignatureProvided: claim.signature,
      StringToSign: stringToSign,
      CanonicalRequest: canonicalRequest,
      OSSAccessKeyId: claim.accessKeyId,
    };
  }
  if (!sameSignature(expected, claim.signature)) throw OssErrors.signatureDoesNotMatch(details);
  return {
    kind: credential.temporary ? 'temporary' : 'account',
    accessKeyId: claim.accessKeyId,
    scheme: claim.scheme,
    ...(credential.policy ? { policy: credential.policy } : {}),
  };
}
