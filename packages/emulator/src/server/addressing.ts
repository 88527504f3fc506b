import { isIP } from 'node:net';
import { QueryParams, safeDecode } from './query.js';

/** What a request URL addresses: service (no bucket), a bucket, or an object. */
export interface RequestTarget {
  bucket?: string;
  key?: string;
  query: QueryParams;
  /** True when the bucket came from the Host header (`bucket.localhost:PORT`). */
  virtualHosted: boolean;
  /** Raw path without the query. */
  rawPath: string;
}

export function hostnameOf(host: string | undefined): string {
  if (!host) return '';
  if (host.startsWith('[')) return host.slice(1, host.indexOf(']'));
  const colon = host.lastIndexOf(':');
  return (colon >= 0 ? host.slice(0, colon) : host).toLowerCase();
}

/**
 * The bucket named by a virtual-hosted Host (`bucket.localhost`, `bucket.oss-cn-hangzhou.aliyuncs.com`,
 * `bucket.<serviceHost>`).
 */
export function virtualHostBucket(hostname: string, serviceHosts: readonly string[]): string | undefined {
  if (hostname === '' || isIP(hostname) || hostname === 'localhost' || serviceHosts.includes(hostname))
    return undefined;
  const dot = hostname.indexOf('.');
  if (dot <= 0) return undefined;
  const rest = hostname.slice(dot + 1);
  if (rest === 'localhost' || rest.endsWith('aliyuncs.com') || serviceHosts.includes(rest))
    return hostname.slice(0, dot);
  return undefined;
}

/** Splits `/bucket/key?query` (path style) or `/key?query` with `Host: bucket.localhost` (virtual-hosted style). */
export function resolveTarget(
  pathAndQuery: string,
  host: string | undefined,
  serviceHosts: readonly string[] = [],
): RequestTarget {
  const q = pathAndQuery.indexOf('?');
  const rawPath = q < 0 ? pathAndQuery : pathAndQuery.slice(0, q);
  const query = QueryParams.parse(q < 0 ? '' : pathAndQuery.slice(q + 1));
  const path = rawPath.startsWith('/') ? rawPath.slice(1) : rawPath;
  const hostBucket = virtualHostBucket(hostnameOf(host), serviceHosts);
  // ali-oss with an IP endpoint and `sldEnable: true` sends the path-style URL *and* a made-up
  // `Host: <bucket>.oss-<region>.aliyuncs.com`: the path wins when it starts with that bucket.
  const fakeHost = hostBucket !== undefined && hostnameOf(host).endsWith('.aliyuncs.com');
  const pathStyleAnyway = fakeHost && (path === hostBucket || path.startsWith(`${hostBucket}/`));
  if (hostBucket !== undefined && !pathStyleAnyway) {
    const key = safeDecode(path);
    return { bucket: hostBucket, ...(key !== '' ? { key } : {}), query, virtualHosted: true, rawPath };
  }
  if (path === '') return { query, virtualHosted: false, rawPath };
  const slash = path.indexOf('/');
  const bucket = safeDecode(slash < 0 ? path : path.slice(0, slash));
  const key = slash < 0 ? '' : safeDecode(path.slice(slash + 1));
  return { bucket, ...(key !== '' ? { key } : {}), query, virtualHosted: false, rawPath };
}
