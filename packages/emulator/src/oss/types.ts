import type { Principal } from '../auth/authenticate.js';
import type { QueryParams } from '../server/query.js';
import type { Clock } from '../shared/contracts.js';
import type { Catalog, ObjectReader } from '../storage/catalog.js';

/** An authenticated OSS request, as handlers see it. */
export interface OssRequest {
  requestId: string;
  method: string;
  bucket?: string;
  key?: string;
  query: QueryParams;
  /** Lower-case names, UTF-8 values. */
  headers: Record<string, string>;
  body: AsyncIterable<Uint8Array>;
  principal: Principal;
}

/** What a handler answers; the server adds the common headers (request id, Date, Server, CORS). */
export interface OssResult {
  status: number;
  headers?: Record<string, string>;
  /** An `ObjectReader` (it pins blobs) is released by the server once the response is over, read or not. */
  body?: string | Buffer | AsyncIterable<Uint8Array> | ObjectReader;
  /** Length of a streamed body (sets Content-Length). */
  bodyLength?: number;
}

export interface OssContext {
  catalog: Catalog;
  clock: Clock;
  /** Bare region id, e.g. `cn-hangzhou`. */
  region: string;
  /** Account UID used as bucket owner and in resource ARNs. */
  ownerId: string;
  /** Checks an extra RAM action (CopyObject needs oss:GetObject on its source). */
  authorize(req: OssRequest, action: string, bucket: string, key?: string): void;
}

export type OssHandler = (req: OssRequest, ctx: OssContext) => Promise<OssResult>;

/** Releases an `ObjectReader` body (no-op for other bodies and when already released). */
export async function releaseBody(body: OssResult['body']): Promise<void> {
  if (typeof body === 'object' && body !== null && 'release' in body && typeof body.release === 'function')
    await body.release();
}

export const XML_HEADERS = { 'Content-Type': 'application/xml' } as const;

export const quoteEtag = (etag: string): string => `"${etag}"`;
