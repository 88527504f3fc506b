// ObjectTransport over one presigned GET URL (a share link's): GetObject of that one object, ranged and pinned with
// If-Match (neither header is part of the signature), and HeadObject as a 1-byte ranged GET, since the URL is signed
// for GET only (the engine reads the size from Content-Range's total). It needs no credentials: the URL carries its
// signature. Everything else is refused.
import { OssCseError } from '@oss-cse/core';
import type { GetRequest, ObjectTransport, RequestContext } from '../object-transport.js';
import { resolveConnection } from '../connection.js';
import { openStream, type ExchangeConfig } from './fetch-exchange.js';

/** Options of {@link createPresignedReadTransport}. */
export interface PresignedReadOptions {
  /** The presigned GET URL of the object. */
  readonly url: string;
  /** The bucket and key the URL was signed for (they name the object in messages; other keys are refused). */
  readonly bucket: string;
  /** The object key. */
  readonly key: string;
  /** Default `globalThis.fetch`. */
  readonly fetch?: typeof globalThis.fetch | undefined;
  /** Per-request timeout in ms (default 60 000). */
  readonly timeoutMs?: number | undefined;
}

/**
 * @example
 * ```ts
 * import { createPresignedReadTransport } from '@oss-cse/transfer';
 * declare const url: string; // a presigned GET URL of the object
 * const transport = createPresignedReadTransport({ url, bucket: 'photos', key: 'movie.mp4' });
 * ```
 */
export function createPresignedReadTransport(options: PresignedReadOptions): ObjectTransport {
  let origin: string;
  try {
    origin = new URL(options.url).origin;
  } catch {
    throw new OssCseError('ERR_INVALID_ARGUMENT', '"url" expected an absolute presigned URL');
  }
  const { addressing, version, timeoutMs } = resolveConnection({
    bucket: options.bucket,
    endpoint: origin,
    signatureVersion: 'v1',
    pathStyle: true,
    timeoutMs: options.timeoutMs,
  });
  const fetchImpl = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init));
  const config: ExchangeConfig = { addressing, version, fetch: fetchImpl, timeoutMs, presignedUrl: options.url };

  const checkKey = (key: string) => {
    if (key !== options.key)
      throw new OssCseError('ERR_INVALID_ARGUMENT', `this presigned URL reads ${options.key}, not ${key}`);
  };
  const get = (key: string, request: GetRequest, ctx: RequestContext) => {
    checkKey(key);
    const headers: Record<string, string> = {};
    if (request.range !== undefined) headers['range'] = request.range;
    if (request.ifMatch !== undefined) headers['if-match'] = request.ifMatch;
    return openStream(config, { operation: `GetObject ${key}`, method: 'GET', key, headers }, ctx);
  };
  const refuse = (operation: string) => () =>
    Promise.reject(new OssCseError('ERR_ACCESS_DENIED', `${operation}: a presigned URL allows GetObject only`));

  return {
    bucket: options.bucket,
    getObject: get,
    async headObject(key, ctx) {
      const r = await get(key, { range: 'bytes=0-0' }, ctx);
      await r.body.cancel().catch(() => undefined);
      return r.headers;
    },
    putObject: refuse('PutObject'),
    deleteObject: refuse('DeleteObject'),
    listObjects: refuse('ListObjects'),
    initiateMultipartUpload: refuse('InitiateMultipartUpload'),
    uploadPart: refuse('UploadPart'),
    completeMultipartUpload: refuse('CompleteMultipartUpload'),
    abortMultipartUpload: refuse('AbortMultipartUpload'),
    listParts: refuse('ListParts'),
    listMultipartUploads: refuse('ListMultipartUploads'),
    objectUrl: () => options.url.split('?')[0]!,
  };
}
