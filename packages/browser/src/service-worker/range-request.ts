// HTTP semantics of a ranged GET answered with plaintext (RFC 9110 §14): which range a request's `Range` header
// asks for, and the exact status and headers of the answer. Pure: the reading and the 16-byte alignment are the
// engine's (getStream plans the ciphertext range with core's planRangedRead).
import { OssCseError, parseByteRange, type ByteRange } from '@oss-cse/core';

/**
 * The one range a `Range` header asks for, or undefined when the whole object is to be sent: no header, a unit other
 * than bytes, several ranges (`bytes=0-1,5-6`: served whole, as RFC 9110 allows) or a malformed header (ignored).
 *
 * @example
 * ```ts
 * import { requestedRange } from '@oss-cse/browser/service-worker';
 * requestedRange('bytes=100-'); // { start: 100 }
 * requestedRange('bytes=0-1,5-6'); // undefined: served whole
 * ```
 */
export function requestedRange(header: string | null | undefined): ByteRange | undefined {
  if (header === null || header === undefined) return undefined;
  const value = header.trim();
  if (!/^bytes=/i.test(value) || value.includes(',')) return undefined;
  try {
    return parseByteRange(`bytes=${value.slice(6)}`);
  } catch (e) {
    if (e instanceof OssCseError && e.code === 'ERR_INVALID_RANGE') return undefined;
    throw e;
  }
}

/** What is known of the object when the answer is built. */
export interface ServedObject {
  /** Plaintext bytes. */
  readonly size: number;
  /** `Content-Type` to answer with. */
  readonly contentType: string | null;
  /** The ETag of the stored version. */
  readonly etag?: string | null | undefined;
  /** `Last-Modified` of the object. */
  readonly lastModified?: string | null | undefined;
  /** Send as a download with this file name (`Content-Disposition: attachment`). */
  readonly attachment?: string | undefined;
}

/** The inclusive plaintext range being sent (getStream's `range` result), or undefined for the whole object. */
export interface ServedRange {
  /** First byte sent. */
  readonly start: number;
  /** Last byte sent (inclusive). */
  readonly end: number;
}

/** Status and headers of a plaintext answer: 200 (whole), 206 (one range) or 416 (unsatisfiable). */
export interface PlaintextAnswer {
  /** 200 (whole), 206 (a range) or 416 (a range past the end). */
  readonly status: 200 | 206 | 416;
  /** The response headers. */
  readonly headers: Record<string, string>;
}

/**
 * Decrypted bytes never go to the HTTP cache (`no-store`); `ETag` names the stored version, so If-Range and
 * revalidation see a changed object as changed.
 */
function common(object: ServedObject): Record<string, string> {
  const headers: Record<string, string> = {
    'accept-ranges': 'bytes',
    'cache-control': 'no-store',
    'content-type': object.contentType || 'application/octet-stream',
  };
  if (object.etag) headers['etag'] = object.etag;
  if (object.lastModified) headers['last-modified'] = object.lastModified;
  if (object.attachment !== undefined) headers['content-disposition'] = attachment(object.attachment);
  return headers;
}

/**
 * `attachment` with an ASCII fallback name and the exact UTF-8 name (RFC 6266, RFC 8187).
 *
 * @example
 * ```ts
 * import { attachment } from '@oss-cse/browser/service-worker';
 * const disposition = attachment('résumé.pdf'); // ASCII fallback name and the exact UTF-8 name
 * ```
 */
export function attachment(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const exact = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${exact}`;
}

/**
 * @example
 * ```ts
 * import { plaintextAnswer } from '@oss-cse/browser/service-worker';
 * plaintextAnswer({ size: 1000, contentType: 'video/mp4' }, { start: 0, end: 99 }).headers['content-range'];
 * // 'bytes 0-99/1000'
 * ```
 */
export function plaintextAnswer(object: ServedObject, range: ServedRange | undefined): PlaintextAnswer {
  const headers = common(object);
  if (range === undefined) return { status: 200, headers: { ...headers, 'content-length': String(object.size) } };
  if (range.start > range.end || range.end >= object.size)
    throw new RangeError(`range ${range.start}-${range.end} is not within ${object.size} bytes`);
  return {
    status: 206,
    headers: {
      ...headers,
      'content-length': String(range.end - range.start + 1),
      'content-range': `bytes ${range.start}-${range.end}/${object.size}`,
    },
  };
}

/**
 * 416 Range Not Satisfiable: `Content-Range: bytes *\/size` tells the client the size.
 *
 * @example
 * ```ts
 * import { unsatisfiableAnswer } from '@oss-cse/browser/service-worker';
 * const { status, headers } = unsatisfiableAnswer({ size: 1000, contentType: 'video/mp4' }); // 416
 * ```
 */
export function unsatisfiableAnswer(object: ServedObject): PlaintextAnswer {
  return {
    status: 416,
    headers: { ...common(object), 'content-length': '0', 'content-range': `bytes */${object.size}` },
  };
}
