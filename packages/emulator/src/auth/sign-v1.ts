import { QueryParams } from '../server/query.js';
import { v1Signature, v1StringToSign } from './v1.js';

/** What {@link signRequestV1} signs. */
export interface SignV1Options {
  /** The AccessKey ID. */
  accessKeyId: string;
  /** The AccessKey secret. */
  accessKeySecret: string;
  /** The STS token of temporary credentials. */
  securityToken?: string;
  /** HTTP method. */
  method: string;
  /** The bucket; omitted for service-level requests. */
  bucket?: string;
  /** Decoded object key. */
  key?: string;
  /** Raw query string without `?`. */
  query?: string;
  /** Headers that will be sent (Content-Type, Content-MD5, x-oss-*). */
  headers?: Record<string, string>;
  /** Signing time; default now. */
  date?: Date;
}

/**
 * Signs a request with OSS signature V1 (as ali-oss does): returns the headers to send, i.e. the given ones
 * (lower-cased) plus `x-oss-date`, `x-oss-security-token` and `authorization`.
 *
 * @example
 * ```ts
 * import { signRequestV1 } from '@oss-cse/emulator/testing';
 * const headers = signRequestV1({
 *   accessKeyId: 'LTAI5tOssCseEmulatorKey',
 *   accessKeySecret: 'oss-cse-emulator-secret-do-not-use-in-production',
 *   method: 'GET',
 *   bucket: 'oss-cse-dev',
 *   key: 'a.txt',
 * });
 * await fetch('http://localhost:9000/oss-cse-dev/a.txt', { headers });
 * ```
 */
export function signRequestV1(options: SignV1Options): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(options.headers ?? {})) headers[k.toLowerCase()] = v;
  headers['x-oss-date'] = (options.date ?? new Date()).toUTCString();
  if (options.securityToken) headers['x-oss-security-token'] = options.securityToken;
  const stringToSign = v1StringToSign(
    {
      method: options.method,
      ...(options.bucket !== undefined ? { bucket: options.bucket } : {}),
      ...(options.key !== undefined ? { key: options.key } : {}),
      query: QueryParams.parse(options.query ?? ''),
      headers,
    },
    headers['x-oss-date'],
  );
  headers.authorization = `OSS ${options.accessKeyId}:${v1Signature(options.accessKeySecret, stringToSign)}`;
  return headers;
}

/**
 * Path of a path-style URL: `/bucket/<encoded key>`.
 *
 * @example
 * ```ts
 * import { pathStyleUrlPath } from '@oss-cse/emulator/testing';
 * pathStyleUrlPath('oss-cse-dev', 'dir/a b.txt'); // '/oss-cse-dev/dir/a%20b.txt'
 * ```
 */
export function pathStyleUrlPath(bucket: string | undefined, key: string | undefined): string {
  if (bucket === undefined) return '/';
  return `/${bucket}/${key !== undefined ? key.split('/').map(encodeURIComponent).join('/') : ''}`;
}
