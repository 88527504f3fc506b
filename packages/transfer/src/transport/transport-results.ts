// What every transport builds the same way from an OSS answer: a write's result (whose ETag a browser must be
// able to read) and a listing of every page.
import { OssCseError } from '@oss-cse/core';
import { ossError } from '../errors/oss-errors.js';
import type { ResponseHeaders, WriteResult } from './object-transport.js';

/**
 * A write's result; the quoted ETag may come from the body (CompleteMultipartUpload) or the headers.
 *
 * @throws OssCseError ERR_CORS (`details.missing: ['ETag']`) when no ETag is readable (a browser, and a bucket
 *   whose CORS rule does not expose it).
 * @example
 * ```ts
 * import { writeResult, type ResponseHeaders } from '@oss-cse/transfer';
 * declare const headers: ResponseHeaders;
 * const result = writeResult(headers, headers['etag'], 'PutObject a.jpg');
 * ```
 */
export function writeResult(headers: ResponseHeaders, etag: string | undefined, operation: string): WriteResult {
  if (!etag) {
    throw new OssCseError(
      'ERR_CORS',
      `${operation}: the response carries no readable ETag (a browser needs ETag in the bucket's CORS ExposeHeader)`,
      {
        details: { operation, missing: ['ETag'] },
      },
    );
  }
  return { etag, crc64: headers['x-oss-hash-crc64ecma'], headers };
}

/**
 * Every page of a paged listing; a marker that does not move is a malformed answer, not an endless loop.
 *
 * @example
 * ```ts
 * import { allPages } from '@oss-cse/transfer';
 * declare function listParts(marker?: number): Promise<{ parts: string[]; nextMarker: number | undefined }>;
 * const parts = await allPages('ListParts big.bin', async (marker: number | undefined) => {
 *   const page = await listParts(marker);
 *   return { items: page.parts, next: page.nextMarker };
 * });
 * ```
 */
export async function allPages<T, M>(
  operation: string,
  page: (marker: M | undefined) => Promise<{ items: T[]; next: M | undefined }>,
): Promise<T[]> {
  const out: T[] = [];
  const seen = new Set<string>();
  let marker: M | undefined;
  for (;;) {
    const { items, next } = await page(marker);
    out.push(...items);
    if (next === undefined) return out;
    const id = JSON.stringify(next);
    if (seen.has(id)) throw ossError({ operation, status: 200, ossMessage: 'the listing repeats a page marker' });
    seen.add(id);
    marker = next;
  }
}
