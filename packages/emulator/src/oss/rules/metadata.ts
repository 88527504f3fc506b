import { OssErrors } from '../../errors/catalog.js';
import { httpDate } from '../../shared/time-format.js';
import { STORED_HEADERS, type ObjectRecord, type StoredHeaders } from '../../storage/records.js';
import { quoteEtag } from '../types.js';

export const META_PREFIX = 'x-oss-meta-';
/** Total size of user metadata names and values. */
export const MAX_META_BYTES = 8 * 1024;

export interface ObjectMetadata {
  headers: StoredHeaders;
  /** Lower-case `x-oss-meta-*` names. */
  meta: Record<string, string>;
}

/** The standard headers and `x-oss-meta-*` headers of a request, checked as OSS checks them. */
export function metadataFromRequest(headers: Record<string, string>): ObjectMetadata {
  const stored: StoredHeaders = {};
  for (const name of STORED_HEADERS) {
    const value = headers[name];
    if (value !== undefined) stored[name] = value;
  }
  const meta: Record<string, string> = {};
  let total = 0;
  for (const [name, value] of Object.entries(headers)) {
    if (!name.startsWith(META_PREFIX)) continue;
    const suffix = name.slice(META_PREFIX.length);
    if (!/^[a-z0-9-]+$/.test(suffix)) throw OssErrors.invalidMetadataName(name);
    total += Buffer.byteLength(suffix) + Buffer.byteLength(value);
    meta[name] = value;
  }
  if (total > MAX_META_BYTES) throw OssErrors.metadataTooLarge();
  return { headers: stored, meta };
}

/** Headers of GetObject/HeadObject (and the 304 answer). */
export function objectResponseHeaders(obj: ObjectRecord): Record<string, string> {
  const headers: Record<string, string> = {
    'Content-Type': obj.headers['content-type'] ?? 'application/octet-stream',
    ETag: quoteEtag(obj.etag),
    'Last-Modified': httpDate(obj.lastModified),
    'Accept-Ranges': 'bytes',
    'x-oss-object-type': obj.objectType,
    'x-oss-storage-class': obj.storageClass,
    'x-oss-hash-crc64ecma': obj.crc64,
  };
  const names: Record<string, string> = {
    'content-encoding': 'Content-Encoding',
    'content-disposition': 'Content-Disposition',
    'cache-control': 'Cache-Control',
    expires: 'Expires',
    'content-language': 'Content-Language',
  };
  for (const [name, canonical] of Object.entries(names)) {
    const value = obj.headers[name as keyof StoredHeaders];
    if (value !== undefined) headers[canonical] = value;
  }
  for (const [name, value] of Object.entries(obj.meta)) headers[name] = value;
  return headers;
}

/** Control characters (CR, LF, NUL, DEL, ...; HTAB is allowed), which no header value may carry. */
// eslint-disable-next-line no-control-regex
const HEADER_VALUE_CONTROL = /[\x00-\x08\x0a-\x1f\x7f]/;

/**
 * `response-*` query parameters override response headers on GetObject. A value no header can carry is
 * 400 InvalidArgument naming the parameter (never echoing the value).
 */
export function responseOverrides(query: { get(name: string): string | undefined }): Record<string, string> {
  const map: Record<string, string> = {
    'response-content-type': 'Content-Type',
    'response-content-disposition': 'Content-Disposition',
    'response-cache-control': 'Cache-Control',
    'response-content-encoding': 'Content-Encoding',
    'response-content-language': 'Content-Language',
    'response-expires': 'Expires',
  };
  const out: Record<string, string> = {};
  for (const [param, header] of Object.entries(map)) {
    const value = query.get(param);
    if (value === undefined) continue;
    if (HEADER_VALUE_CONTROL.test(value)) {
      throw OssErrors.invalidArgument(`The value of ${param} is not a valid HTTP header value.`, '0017-00000001', {
        ArgumentName: param,
      });
    }
    out[header] = value;
  }
  return out;
}
