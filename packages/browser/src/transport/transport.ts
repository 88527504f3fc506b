// What the client needs from OSS, behind one interface: the default is ali-oss's browser build
// (AliOssTransport); tests and other runtimes can plug in their own (e.g. fetch with their own signing).
import type { Credentials } from '../credentials/credentials.js';

/** Per-request context: the credentials to sign with, cancellation and upload progress. */
export interface RequestContext {
  readonly credentials: Credentials;
  readonly signal?: AbortSignal | undefined;
  /** Bytes of the request body sent so far (may go back to 0 when a request is retried). */
  readonly onUploadProgress?: ((loaded: number) => void) | undefined;
}

/** Response headers with lower-case names. */
export type ResponseHeaders = Readonly<Record<string, string>>;

export interface WriteResult {
  /** The quoted ETag. */
  readonly etag: string;
  /** `x-oss-hash-crc64ecma` (decimal), or null when the server did not send or expose it. */
  readonly crc64: string | null;
  readonly headers: ResponseHeaders;
}

export interface ReadResult {
  /** 200 or 206. */
  readonly status: number;
  readonly body: Uint8Array;
  readonly headers: ResponseHeaders;
}

export interface GetOptions {
  /** `bytes=first-last`. */
  readonly range?: string | undefined;
  /** Send `If-Match`: the read fails (412, ERR_SOURCE_CHANGED) unless the object still has this ETag. */
  readonly ifMatch?: string | undefined;
}

export interface ListedObject {
  readonly key: string;
  readonly size: number;
  readonly lastModified: string;
  readonly etag: string;
}

export interface UploadedPart {
  readonly partNumber: number;
  readonly etag: string;
  readonly size: number;
}

/**
 * The OSS operations @oss-cse/browser uses. Implementations throw OssCseError (`ERR_TRANSPORT` with
 * `details.status`/`ossCode`/`requestId`, `ERR_NOT_FOUND`, `ERR_SOURCE_CHANGED` for a failed `If-Match`, `ERR_TOKEN_EXPIRED`, `ERR_CORS`, `ERR_ABORTED`).
 */
export interface ObjectTransport {
  put(key: string, body: Uint8Array, headers: Record<string, string>, ctx: RequestContext): Promise<WriteResult>;
  /** `ifMatch`: the quoted ETag the object must still have, else 412 → `ERR_SOURCE_CHANGED`. */
  get(key: string, options: GetOptions, ctx: RequestContext): Promise<ReadResult>;
  head(key: string, ctx: RequestContext): Promise<ResponseHeaders>;
  delete(key: string, ctx: RequestContext): Promise<void>;
  list(prefix: string, ctx: RequestContext): Promise<ListedObject[]>;
  initiateMultipart(key: string, headers: Record<string, string>, ctx: RequestContext): Promise<{ uploadId: string }>;
  uploadPart(key: string, uploadId: string, partNumber: number, body: Uint8Array, headers: Record<string, string>, ctx: RequestContext): Promise<WriteResult>;
  completeMultipart(key: string, uploadId: string, parts: readonly { partNumber: number; etag: string }[], ctx: RequestContext): Promise<WriteResult>;
  abortMultipart(key: string, uploadId: string, ctx: RequestContext): Promise<void>;
  listParts(key: string, uploadId: string, ctx: RequestContext): Promise<UploadedPart[]>;
  /** The bucket's URL for `key` (for CORS diagnosis), e.g. `http://localhost:9000/bucket/key`. */
  objectUrl(key: string): string;
}
