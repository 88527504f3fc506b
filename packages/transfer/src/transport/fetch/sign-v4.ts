// OSS signature V4 (OSS4-HMAC-SHA256): the `Authorization` header and presigned URLs (`x-oss-signature-version`,
// `x-oss-credential`, `x-oss-date`, `x-oss-expires`, `x-oss-signature`). docs/oss-api.md §7.
import { toHex, utf8 } from '@oss-cse/core';
import { sha256Hex } from '../../cipher/inline-runner.js';
import { rfc3986 } from './percent-encode.js';
import { byCodePoint, lowerCaseHeaders, type OssRequestToSign, type QueryPairs } from './signing-request.js';
import { hmac, ossDates } from './webcrypto.js';

export const V4_ALGORITHM = 'OSS4-HMAC-SHA256';
const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';

/** Credentials as the V4 signers use them. */
export interface V4Credentials {
  /** The AccessKey ID. */
  readonly accessKeyId: string;
  /** The AccessKey secret. */
  readonly accessKeySecret: string;
  /** The STS token of temporary credentials (signed as `x-oss-security-token`). */
  readonly securityToken?: string | undefined;
}

/** How {@link signV4} signs. */
export interface V4Options {
  /** The credentials to sign with. */
  readonly credentials: V4Credentials;
  /** Bare region id (`cn-hangzhou`). */
  readonly region: string;
  /** Headers to sign besides `x-oss-*`, `content-type` and `content-md5` (only those present are signed). */
  readonly additionalHeaders?: readonly string[] | undefined;
}

/** What a V4 signature is made of. */
export interface V4Signature {
  /** The canonical request (for diagnosis). */
  readonly canonicalRequest: string;
  /** The string to sign (for diagnosis). */
  readonly stringToSign: string;
  /** hex(HMAC-SHA256(signing key, stringToSign)). */
  readonly signature: string;
  /** `OSS4-HMAC-SHA256 Credential=<AK>/<scope>[,AdditionalHeaders=a;b],Signature=<hex>`. */
  readonly authorization: string;
}

const signedByDefault = (name: string) =>
  name.startsWith('x-oss-') || name === 'content-type' || name === 'content-md5';

/** Lower-cased, de-duplicated, sorted; without the headers signed anyway and those the request does not carry. */
function additionalNames(headers: Record<string, string>, requested: readonly string[] | undefined): string[] {
  const names = new Set((requested ?? []).map((h) => h.trim().toLowerCase()));
  return [...names].filter((h) => h !== '' && !signedByDefault(h) && headers[h] !== undefined).sort(byCodePoint);
}

function canonicalUri(request: OssRequestToSign): string {
  if (request.bucket === undefined) return '/';
  return `/${rfc3986(request.bucket)}/${(request.key ?? '').split('/').map(rfc3986).join('/')}`;
}

/** Every parameter, name and value RFC 3986-encoded, sorted, `k=v` or a bare `k` for an empty value. */
function canonicalQuery(query: QueryPairs): string {
  return query
    .map(([k, v]) => [rfc3986(k), rfc3986(v)] as const)
    .sort(([a, av], [b, bv]) => byCodePoint(a, b) || byCodePoint(av, bv))
    .map(([k, v]) => (v === '' ? k : `${k}=${v}`))
    .join('&');
}

function canonicalRequest(
  request: OssRequestToSign,
  query: QueryPairs,
  headers: Record<string, string>,
  additional: readonly string[],
): string {
  const signed = Object.keys(headers)
    .filter((name) => signedByDefault(name) || additional.includes(name))
    .sort(byCodePoint)
    .map((name) => `${name}:${headers[name]!.trim()}\n`)
    .join('');
  const payload = headers['x-oss-content-sha256'] ?? UNSIGNED_PAYLOAD;
  return [
    request.method.toUpperCase(),
    canonicalUri(request),
    canonicalQuery(query),
    signed,
    additional.join(';'),
    payload,
  ].join('\n');
}

/**
 * The V4 signing key: HMAC-SHA256 chained over `aliyun_v4` + secret, the day, the region, `oss`, `aliyun_v4_request`.
 *
 * @example
 * ```ts
 * const key = await v4SigningKey(secret, '20240102', 'cn-hangzhou');
 * ```
 */
export async function v4SigningKey(secret: string, day: string, region: string): Promise<Uint8Array> {
  let key = await hmac('SHA-256', `aliyun_v4${secret}`, day);
  for (const part of [region, 'oss', 'aliyun_v4_request']) key = await hmac('SHA-256', key, part);
  return key;
}

async function sign(secret: string, isoDate: string, region: string, canonical: string) {
  const scope = `${isoDate.slice(0, 8)}/${region}/oss/aliyun_v4_request`;
  const stringToSign = [V4_ALGORITHM, isoDate, scope, await sha256Hex(utf8(canonical))].join('\n');
  const signature = toHex(await hmac('SHA-256', await v4SigningKey(secret, isoDate.slice(0, 8), region), stringToSign));
  return { scope, stringToSign, signature };
}

/**
 * Signs a request for the `Authorization` header. The request must carry `x-oss-date` (`20240102T030405Z`) and
 * normally `x-oss-content-sha256: UNSIGNED-PAYLOAD` (and `x-oss-security-token` with temporary credentials).
 *
 * @throws RangeError when the request has no `x-oss-date` in the V4 form.
 * @example
 * ```ts
 * import { signV4 } from '@oss-cse/transfer';
 * import type { Credentials } from '@oss-cse/core';
 * declare const credentials: Credentials, headers: Record<string, string>;
 * const request = { method: 'GET', bucket: 'b', key: 'a.bin', headers };
 * const { authorization } = await signV4(request, { credentials, region: 'cn-hangzhou' });
 * ```
 */
export async function signV4(request: OssRequestToSign, options: V4Options): Promise<V4Signature> {
  const headers = lowerCaseHeaders(request.headers);
  const isoDate = headers['x-oss-date'];
  /* Precondition: V4 signs the x-oss-date header (yyyymmddThhmmssZ). */
  if (isoDate === undefined || !/^\d{8}T\d{6}Z$/.test(isoDate))
    throw new RangeError('"headers" need x-oss-date as yyyymmddThhmmssZ for a V4 signature');
  const additional = additionalNames(headers, options.additionalHeaders);
  const canonical = canonicalRequest(request, request.query ?? [], headers, additional);
  const { scope, stringToSign, signature } = await sign(
    options.credentials.accessKeySecret,
    isoDate,
    options.region,
    canonical,
  );
  const extra = additional.length > 0 ? `,AdditionalHeaders=${additional.join(';')}` : '';
  const authorization = `${V4_ALGORITHM} Credential=${options.credentials.accessKeyId}/${scope}${extra},Signature=${signature}`;
  return { canonicalRequest: canonical, stringToSign, signature, authorization };
}

/** A presigned V4 request: the signature and the query to send. */
export interface V4Presigned {
  /** The canonical request (for diagnosis). */
  readonly canonicalRequest: string;
  /** The string to sign (for diagnosis). */
  readonly stringToSign: string;
  /** hex(HMAC-SHA256(signing key, stringToSign)). */
  readonly signature: string;
  /** The request's query, then the signature parameters (ali-oss's order), `x-oss-signature` last. */
  readonly query: QueryPairs;
}

/**
 * Presigns a request (V4 query form), valid `expiresIn` seconds from `now`. Headers OSS signs (`Content-Type`,
 * `x-oss-*`, the additional ones) must be sent with the URL.
 *
 * @example
 * ```ts
 * import { presignV4 } from '@oss-cse/transfer';
 * import type { Credentials } from '@oss-cse/core';
 * declare const credentials: Credentials;
 * const request = { method: 'GET', bucket: 'b', key: 'a.bin' };
 * const options = { credentials, region: 'cn-hangzhou', now: new Date(), expiresIn: 600 };
 * const { query } = await presignV4(request, options); // query parameters of a URL valid for 10 minutes
 * ```
 */
export async function presignV4(
  request: OssRequestToSign,
  options: V4Options & { readonly now: Date; readonly expiresIn: number },
): Promise<V4Presigned> {
  const { credentials, region } = options;
  const headers = lowerCaseHeaders(request.headers);
  const isoDate = ossDates(options.now).iso8601;
  const additional = additionalNames(headers, options.additionalHeaders);
  const query: QueryPairs = [
    ...(request.query ?? []),
    ['x-oss-credential', `${credentials.accessKeyId}/${isoDate.slice(0, 8)}/${region}/oss/aliyun_v4_request`],
    ['x-oss-date', isoDate],
    ['x-oss-expires', String(options.expiresIn)],
    ['x-oss-signature-version', V4_ALGORITHM],
    ...(additional.length > 0 ? [['x-oss-additional-headers', additional.join(';')] as const] : []),
    ...(credentials.securityToken !== undefined ? [['x-oss-security-token', credentials.securityToken] as const] : []),
  ];
  const canonical = canonicalRequest(request, query, headers, additional);
  const { stringToSign, signature } = await sign(credentials.accessKeySecret, isoDate, region, canonical);
  return { canonicalRequest: canonical, stringToSign, signature, query: [...query, ['x-oss-signature', signature]] };
}
