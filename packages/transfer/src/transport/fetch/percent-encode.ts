// The two encodings an OSS request needs: strict RFC 3986 (V4 canonical URI and query, URL query strings) and
// the object path as ali-oss writes it (`encodeURIComponent`, `/` kept), which URL parsers leave untouched.
import { OssCseError } from '@oss-cse/core';

/**
 * RFC 3986 percent-encoding of UTF-8 text: `A-Za-z0-9-_.~` kept, everything else `%XX` (upper-case hex).
 *
 * @example
 * ```ts
 * rfc3986('obj (1)+*.bin'); // 'obj%20%281%29%2B%2A.bin'
 * ```
 */
export function rfc3986(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * The URL path of an object key without the leading `/`: `encodeURIComponent` with `/` kept, as ali-oss sends it.
 * A `.` or `..` segment would be removed by every URL parser (WHATWG URLs also treat `%2e` as a dot), so a key
 * with such a segment gets every `/` encoded as `%2F`: one path segment, which OSS decodes back to the key.
 *
 * @throws OssCseError ERR_INVALID_ARGUMENT for a key that is `.` or `..`, or not well-formed Unicode.
 * @example
 * ```ts
 * objectPath('dir/obj (1).bin'); // 'dir/obj%20(1).bin'
 * objectPath('a/../b');          // 'a%2F..%2Fb'
 * ```
 */
export function objectPath(key: string): string {
  if (key === '.' || key === '..') {
    throw new OssCseError('ERR_INVALID_ARGUMENT', 'an object key of "." or ".." cannot be addressed in a URL');
  }
  let encoded: string;
  try {
    encoded = encodeURIComponent(key);
  } catch {
    throw new OssCseError('ERR_INVALID_ARGUMENT', 'the object key is not well-formed Unicode (a lone surrogate)');
  }
  const dotSegment = key.split('/').some((s) => s === '.' || s === '..');
  return dotSegment ? encoded : encoded.replace(/%2F/g, '/');
}
