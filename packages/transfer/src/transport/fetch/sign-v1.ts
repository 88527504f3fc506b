// OSS signature V1 (HMAC-SHA1): the `Authorization: OSS <AK>:<sig>` header and presigned URLs
// (`OSSAccessKeyId`, `Expires`, `Signature`). docs/oss-api.md §7.
import { toBase64 } from '@oss-cse/core';
import { byCodePoint, lowerCaseHeaders, type OssRequestToSign, type QueryPairs } from './signing-request.js';
import { hmac } from './webcrypto.js';

/** The query parameters V1 signs (the union of the SDK lists, docs/oss-api.md §7); also every `x-oss-*` parameter. */
const SUBRESOURCES: ReadonlySet<string> = new Set([
  'acl',
  'bucketInfo',
  'location',
  'stat',
  'delete',
  'append',
  'tagging',
  'objectMeta',
  'uploads',
  'uploadId',
  'partNumber',
  'security-token',
  'position',
  'response-content-type',
  'response-content-language',
  'response-expires',
  'response-cache-control',
  'response-content-disposition',
  'response-content-encoding',
  'restore',
  'callback',
  'callback-var',
  'versions',
  'versioning',
  'versionId',
  'sequential',
  'continuation-token',
  'regionList',
  'cloudboxes',
  'symlink',
  'resourceGroup',
  'cors',
  'logging',
  'website',
  'referer',
  'lifecycle',
  'img',
  'style',
  'styleName',
  'replication',
  'replicationProgress',
  'replicationLocation',
  'cname',
  'comp',
  'qos',
  'live',
  'status',
  'vod',
  'startTime',
  'endTime',
  'policy',
  'encryption',
  'requestPayment',
  'inventory',
  'inventoryId',
  'asyncFetch',
  'worm',
  'wormId',
  'wormExtend',
  'transferAcceleration',
  'metaQuery',
  'qosInfo',
  'objectInfo',
  'group',
  'link',
]);

/** What a V1 signature is made of. */
export interface V1Signature {
  /** The string to sign (for diagnosis). */
  readonly stringToSign: string;
  /** base64(HMAC-SHA1(secret, stringToSign)). */
  readonly signature: string;
  /** `OSS <AccessKeyId>:<signature>`. */
  readonly authorization: string;
}

/** `/bucket/key` (raw key), `/bucket/` or `/`, then `?` and the signed sub-resources sorted (`k` or `k=v`). */
function canonicalResource(request: OssRequestToSign): string {
  const path = request.bucket === undefined ? '/' : `/${request.bucket}/${request.key ?? ''}`;
  const signed = (request.query ?? [])
    .filter(([name]) => SUBRESOURCES.has(name) || name.startsWith('x-oss-'))
    .sort(([a], [b]) => byCodePoint(a, b))
    .map(([name, value]) => (value === '' ? name : `${name}=${value}`));
  return signed.length === 0 ? path : `${path}?${signed.join('&')}`;
}

/** VERB, Content-MD5, Content-Type, the date line, the `x-oss-*` headers sorted, the canonical resource. */
function stringToSign(request: OssRequestToSign, date: string): string {
  const headers = lowerCaseHeaders(request.headers);
  const ossHeaders = Object.keys(headers)
    .filter((name) => name.startsWith('x-oss-'))
    .sort(byCodePoint)
    .map((name) => `${name}:${headers[name]!.trim()}\n`)
    .join('');
  const lines = [request.method.toUpperCase(), headers['content-md5'] ?? '', headers['content-type'] ?? '', date];
  return `${lines.join('\n')}\n${ossHeaders}${canonicalResource(request)}`;
}

async function sign(secret: string, text: string): Promise<string> {
  return toBase64(await hmac('SHA-1', secret, text));
}

/**
 * Signs a request for the `Authorization` header. The date line is the request's `x-oss-date` header (what
 * ali-oss and oss2 send), else its `Date` header.
 *
 * @throws RangeError when the request has neither `x-oss-date` nor `Date`.
 * @example
 * ```ts
 * import { signV1 } from '@oss-cse/transfer';
 * declare const accessKeyId: string, accessKeySecret: string;
 * const headers = { 'x-oss-date': new Date().toUTCString() };
 * const { authorization } = await signV1(
 *   { method: 'GET', bucket: 'b', key: 'a.bin', headers },
 *   { accessKeyId, accessKeySecret },
 * );
 * ```
 */
export async function signV1(
  request: OssRequestToSign,
  credentials: { readonly accessKeyId: string; readonly accessKeySecret: string },
): Promise<V1Signature> {
  const headers = lowerCaseHeaders(request.headers);
  const date = headers['x-oss-date'] ?? headers['date'];
  /* Precondition: V1 signs a date. */
  if (date === undefined) throw new RangeError('"headers" need x-oss-date or Date for a V1 signature');
  const text = stringToSign(request, date);
  const signature = await sign(credentials.accessKeySecret, text);
  return { stringToSign: text, signature, authorization: `OSS ${credentials.accessKeyId}:${signature}` };
}

/** A presigned V1 request: the signature and the query to send (the request's, then the signature parameters). */
export interface V1Presigned {
  /** The string to sign (for diagnosis). */
  readonly stringToSign: string;
  /** base64(HMAC-SHA1(secret, stringToSign)). */
  readonly signature: string;
  /** The query parameters to add to the URL, the signature included. */
  readonly query: QueryPairs;
}

/**
 * Presigns a request (V1 query form): the request's headers that OSS signs (`Content-Type`, `Content-MD5`,
 * `x-oss-*`) must be sent with the URL; `expires` (Unix seconds) is the date line; a security token is signed as
 * the `security-token` sub-resource. The query is the request's own, then `OSSAccessKeyId`, `Expires`,
 * `Signature` and `security-token`, in ali-oss's order.
 *
 * @example
 * ```ts
 * import { presignV1 } from '@oss-cse/transfer';
 * import type { Credentials } from '@oss-cse/core';
 * declare const credentials: Credentials;
 * const expires = Math.floor(Date.now() / 1000) + 600;
 * const { query } = await presignV1({ method: 'GET', bucket: 'b', key: 'a.bin' }, { credentials, expires });
 * ```
 */
export async function presignV1(
  request: OssRequestToSign,
  options: {
    readonly credentials: {
      readonly accessKeyId: string;
      readonly accessKeySecret: string;
      readonly securityToken?: string | undefined;
    };
    readonly expires: number;
  },
): Promise<V1Presigned> {
  const { credentials, expires } = options;
  const token: QueryPairs =
    credentials.securityToken !== undefined ? [['security-token', credentials.securityToken]] : [];
  const text = stringToSign({ ...request, query: [...(request.query ?? []), ...token] }, String(expires));
  const signature = await sign(credentials.accessKeySecret, text);
  const query: QueryPairs = [
    ...(request.query ?? []),
    ['OSSAccessKeyId', credentials.accessKeyId],
    ['Expires', String(expires)],
    ['Signature', signature],
    ...token,
  ];
  return { stringToSign: text, signature, query };
}
