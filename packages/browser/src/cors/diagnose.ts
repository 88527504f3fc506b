// What a failed call means in a page. A browser reports a request CORS refused as a bare network error, and hides
// response headers the bucket's CORS rule does not expose; both become ERR_CORS naming what the rule misses, so
// the app can tell "fix the bucket" from "the network is down".
import { isOssCseError, OssCseError } from '@oss-cse/core';
import { missingPreflights, pageOrigin, REQUIRED_ALLOWED_HEADERS } from './check-cors.js';
import { reachable, simpleRequestPasses } from './probes.js';

/** The HTTP method of each engine operation (the first word of `details.operation`). */
const METHODS: Readonly<Record<string, string>> = {
  PutObject: 'PUT',
  UploadPart: 'PUT',
  GetObject: 'GET',
  ListObjectsV2: 'GET',
  ListParts: 'GET',
  ListMultipartUploads: 'GET',
  HeadObject: 'HEAD',
  DeleteObject: 'DELETE',
  AbortMultipartUpload: 'DELETE',
  InitiateMultipartUpload: 'POST',
  CompleteMultipartUpload: 'POST',
};

/**
 * `e` itself, or the ERR_CORS it stands for: a network failure (no status) where a bare request to `url` fails
 * CORS while the server is reachable (the origin is not allowed), or where a preflight of the request's method or
 * headers is refused; a response whose CRC-64 header was not readable.
 *
 * @example
 * ```ts
 * catch (e) { throw await diagnose(e, transport.objectUrl(key), bucket); }
 * ```
 */
export async function diagnose(e: unknown, url: string, bucket: string): Promise<unknown> {
  if (isOssCseError(e, 'ERR_CRC_MISMATCH') && e.details?.['server'] === null) {
    return corsError(
      e,
      `${operationOf(e)}: the response's x-oss-hash-crc64ecma is not readable, so the bytes cannot be verified; add it to the bucket CORS rule's ExposeHeader`,
      ['x-oss-hash-crc64ecma'],
    );
  }
  if (!isOssCseError(e, 'ERR_TRANSPORT') || e.details?.['status'] !== null) return e;
  const origin = pageOrigin() || 'this origin';
  if (!(await simpleRequestPasses(url))) {
    if (!(await reachable(url))) return e;
    return corsError(
      e,
      `The bucket "${bucket}" answered, but its CORS rule does not allow this page (${origin}). Add a CORS rule with AllowedOrigin ${origin}, methods GET/PUT/POST/DELETE/HEAD, AllowedHeader * and the ExposeHeader list (client.checkCors() names what is missing).`,
      ['AllowedOrigin'],
    );
  }
  const method = METHODS[operationOf(e).split(' ', 1)[0]!];
  if (method === undefined) return e;
  const missingMethod = await missingPreflights(url, [[method, 'x-oss-date']]);
  const missing =
    missingMethod.length > 0
      ? missingMethod.map((m) => `AllowedMethod ${m}`)
      : (
          await missingPreflights(
            url,
            REQUIRED_ALLOWED_HEADERS.map((h) => [method, h] as const),
            1,
          )
        ).map((h) => `AllowedHeader ${h}`);
  if (missing.length === 0) return e;
  return corsError(
    e,
    `${operationOf(e)}: the bucket "${bucket}"'s CORS rule refuses this page's request (${origin}): it lacks ${missing.join(', ')}.`,
    missing,
  );
}

function operationOf(e: OssCseError): string {
  return String(e.details?.['operation'] ?? 'the request');
}

function corsError(e: OssCseError, message: string, missing: string[]): OssCseError {
  return new OssCseError('ERR_CORS', message, {
    cause: e,
    details: { ...e.details, origin: pageOrigin() || null, missing },
  });
}
