import { createHash, createHmac } from 'node:crypto';
import type { SignedRequest } from './signed-request.js';

// OSS signature V4 (OSS4-HMAC-SHA256).

export const V4_ALGORITHM = 'OSS4-HMAC-SHA256';

/** RFC 3986 percent-encoding (unreserved A-Z a-z 0-9 - _ . ~ kept). */
export function rfc3986(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function v4CanonicalUri(req: Pick<SignedRequest, 'bucket' | 'key'>): string {
  if (req.bucket === undefined) return '/';
  const key = (req.key ?? '').split('/').map(rfc3986).join('/');
  return `/${req.bucket}/${key}`;
}

export function v4CanonicalQuery(req: Pick<SignedRequest, 'query'>, exclude: readonly string[] = []): string {
  return req.query.pairs
    .filter(([k]) => !exclude.includes(k))
    .map(([k, v]) => [rfc3986(k), rfc3986(v)] as const)
    .sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([k, v]) => (v === '' ? k : `${k}=${v}`))
    .join('&');
}

function isDefaultSigned(name: string): boolean {
  return name.startsWith('x-oss-') || name === 'content-type' || name === 'content-md5';
}

/**
 * The AdditionalHeaders list as the signer normalises it: lower-cased, de-duplicated, sorted, only present and
 * non-default headers.
 */
export function v4AdditionalHeaders(headers: Record<string, string>, requested: readonly string[]): string[] {
  const names = new Set(requested.map((h) => h.trim().toLowerCase()).filter((h) => h !== ''));
  return [...names].filter((h) => !isDefaultSigned(h) && headers[h] !== undefined).sort();
}

export function v4CanonicalHeaders(headers: Record<string, string>, additional: readonly string[]): string {
  return Object.keys(headers)
    .filter((name) => isDefaultSigned(name) || additional.includes(name))
    .sort()
    .map((name) => `${name}:${(headers[name] as string).trim()}\n`)
    .join('');
}

export function v4CanonicalRequest(
  req: SignedRequest,
  additional: readonly string[],
  excludeQuery: readonly string[] = [],
): string {
  return [
    req.method.toUpperCase(),
    v4CanonicalUri(req),
    v4CanonicalQuery(req, excludeQuery),
    v4CanonicalHeaders(req.headers, additional),
    additional.join(';'),
    req.headers['x-oss-content-sha256'] ?? 'UNSIGNED-PAYLOAD',
  ].join('\n');
}

export function v4Scope(day: string, region: string, product = 'oss'): string {
  return `${day}/${region}/${product}/aliyun_v4_request`;
}

export function v4StringToSign(isoDate: string, scope: string, canonicalRequest: string): string {
  return [V4_ALGORITHM, isoDate, scope, createHash('sha256').update(canonicalRequest, 'utf8').digest('hex')].join('\n');
}

export function v4SigningKey(secret: string, day: string, region: string, product = 'oss'): Buffer {
  const k1 = createHmac('sha256', `aliyun_v4${secret}`).update(day).digest();
  const k2 = createHmac('sha256', k1).update(region).digest();
  const k3 = createHmac('sha256', k2).update(product).digest();
  return createHmac('sha256', k3).update('aliyun_v4_request').digest();
}

export function v4Signature(signingKey: Buffer, stringToSign: string): string {
  return createHmac('sha256', signingKey).update(stringToSign, 'utf8').digest('hex');
}
