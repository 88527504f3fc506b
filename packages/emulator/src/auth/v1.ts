import { createHmac } from 'node:crypto';
import type { SignedRequest } from './signed-request.js';

// OSS signature V1: HMAC-SHA1 over VERB, Content-MD5, Content-Type, Date, x-oss-* headers and the resource.

/** Query parameters that are part of the V1 CanonicalizedResource (union of the SDK lists). */
export const V1_SUBRESOURCES: ReadonlySet<string> = new Set([
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

function isSignedSubresource(name: string): boolean {
  return V1_SUBRESOURCES.has(name) || name.startsWith('x-oss-');
}

export function v1CanonicalizedResource(req: Pick<SignedRequest, 'bucket' | 'key' | 'query'>): string {
  let resource = req.bucket === undefined ? '/' : `/${req.bucket}/${req.key ?? ''}`;
  const signed = req.query.pairs
    .filter(([k]) => isSignedSubresource(k))
    .map(([k, v]) => (v === '' ? k : `${k}=${v}`))
    .sort((a, b) => {
      const ka = a.split('=')[0] as string;
      const kb = b.split('=')[0] as string;
      return ka < kb ? -1 : ka > kb ? 1 : 0;
    });
  if (signed.length > 0) resource += `?${signed.join('&')}`;
  return resource;
}

export function v1CanonicalizedHeaders(headers: Record<string, string>): string {
  return Object.keys(headers)
    .filter((name) => name.startsWith('x-oss-'))
    .sort()
    .map((name) => `${name}:${(headers[name] as string).trim()}\n`)
    .join('');
}

/** StringToSign; `dateLine` is x-oss-date/Date for header signatures and Expires for presigned URLs. */
export function v1StringToSign(req: SignedRequest, dateLine: string): string {
  return [
    req.method.toUpperCase(),
    req.headers['content-md5'] ?? '',
    req.headers['content-type'] ?? '',
    dateLine,
    v1CanonicalizedHeaders(req.headers) + v1CanonicalizedResource(req),
  ].join('\n');
}

export function v1Signature(secret: string, stringToSign: string): string {
  return createHmac('sha1', secret).update(stringToSign, 'utf8').digest('base64');
}
