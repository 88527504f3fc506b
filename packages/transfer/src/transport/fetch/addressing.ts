// Where a bucket's requests go: the endpoint (default `https://oss-<region>.aliyuncs.com`), path style
// (`/bucket/key`, the default for localhost and IP endpoints) or virtual-hosted style (`bucket.host/key`).
import { OssCseError } from '@oss-cse/core';
import type { ConnectionOptions } from '../../client/client-options.js';
import { objectPath, rfc3986 } from './percent-encode.js';
import type { QueryPairs } from './signing-request.js';

/** Where the bucket is: the engine's connection options that address it. */
export type AddressingOptions = Pick<ConnectionOptions, 'bucket' | 'region' | 'endpoint' | 'pathStyle'>;

/** The resolved addressing of one bucket. */
export interface Addressing {
  /** The bucket name. */
  readonly bucket: string;
  /** Bare region id, or undefined when none was given. */
  readonly region: string | undefined;
  /** True for `/bucket/key` URLs, false for `bucket.host/key`. */
  readonly pathStyle: boolean;
  /** The service endpoint as an origin (`https://oss-cn-hangzhou.aliyuncs.com`, `http://localhost:9000`). */
  readonly endpoint: string;
  /**
   * The URL of the object `key` (of the bucket when `key` is undefined) with `query` (names and values RFC
   * 3986-encoded).
   */
  url(key: string | undefined, query?: QueryPairs): string;
}

const BUCKET = /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;
const REGION = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

function invalid(message: string): OssCseError {
  return new OssCseError('ERR_INVALID_ARGUMENT', message);
}

function isLocalHost(hostname: string): boolean {
  return (
    hostname === 'localhost' ||
    hostname.endsWith('.localhost') ||
    /^\d{1,3}(?:\.\d{1,3}){3}$/.test(hostname) ||
    hostname.startsWith('[')
  );
}

function parseEndpoint(endpoint: string): URL {
  let url: URL;
  try {
    url = new URL(endpoint.includes('://') ? endpoint : `https://${endpoint}`);
  } catch {
    throw invalid('"endpoint" expected a URL such as https://oss-cn-hangzhou.aliyuncs.com');
  }
  /* Precondition: an endpoint is an origin (scheme, host, port), nothing else. */
  if (
    (url.protocol !== 'https:' && url.protocol !== 'http:') ||
    url.username !== '' ||
    url.password !== '' ||
    url.search !== '' ||
    url.hash !== '' ||
    url.pathname !== '/'
  ) {
    throw invalid(
      '"endpoint" expected an http(s) origin without path, query or credentials, such as https://oss-cn-hangzhou.aliyuncs.com',
    );
  }
  return url;
}

/**
 * Resolves the addressing of a bucket.
 *
 * @throws OssCseError ERR_INVALID_ARGUMENT for a bad bucket name, region or endpoint, or neither endpoint nor region.
 * @example
 * ```ts
 * import { createAddressing } from '@oss-cse/transfer';
 * createAddressing({ bucket: 'photos', endpoint: 'http://localhost:9000' }).url('a b.jpg');
 * // 'http://localhost:9000/photos/a%20b.jpg'
 * createAddressing({ bucket: 'photos', region: 'oss-cn-hangzhou' }).url('a.jpg');
 * // 'https://photos.oss-cn-hangzhou.aliyuncs.com/a.jpg'
 * ```
 */
export function createAddressing(options: AddressingOptions): Addressing {
  const { bucket } = options;
  /* Precondition: OSS bucket names are 3-63 characters of a-z, 0-9 and '-', not starting or ending with '-'. */
  if (typeof bucket !== 'string' || !BUCKET.test(bucket))
    throw invalid('"bucket" expected an OSS bucket name (3-63 characters: a-z, 0-9, -)');
  const region = options.region === undefined ? undefined : options.region.replace(/^oss-/, '');
  if (region !== undefined && !REGION.test(region)) throw invalid('"region" expected a region id such as cn-hangzhou');
  if (options.endpoint === undefined && region === undefined) throw invalid('pass an "endpoint" or a "region"');
  const endpoint = parseEndpoint(options.endpoint ?? `https://oss-${region}.aliyuncs.com`);
  const pathStyle = options.pathStyle ?? isLocalHost(endpoint.hostname);
  if (!pathStyle && isLocalHost(endpoint.hostname) && endpoint.hostname !== 'localhost') {
    throw invalid('an IP endpoint cannot address a bucket by host name: use pathStyle');
  }
  const origin = pathStyle ? endpoint.origin : `${endpoint.protocol}//${bucket}.${endpoint.host}`;
  const base = pathStyle ? `${origin}/${bucket}/` : `${origin}/`;
  return {
    bucket,
    region,
    pathStyle,
    endpoint: endpoint.origin,
    url(key, query = []) {
      const search = query.map(([k, v]) => `${rfc3986(k)}=${rfc3986(v)}`).join('&');
      return `${base}${key === undefined ? '' : objectPath(key)}${search === '' ? '' : `?${search}`}`;
    },
  };
}
