// The OSS operations the engine needs, behind one interface. A transport signs and sends one request and maps
// the answer (OssCseError through errors/oss-errors.ts); it never retries and never refreshes credentials: the
// engine does both, once, for every transport (request/send.ts). Implementations: the fetch transport in this
// package (every runtime), and ali-oss transports in @oss-cse/node and @oss-cse/browser.
import type { Credentials } from '@oss-cse/core';

/** Response headers with lower-case names. */
export type ResponseHeaders = Readonly<Record<string, string>>;

/** What every request carries: the credentials to sign with, cancellation and upload progress. */
export interface RequestContext {
  readonly credentials: Credentials;
  readonly signal?: AbortSignal | undefined;
  /** Bytes of the request body sent so far (transports that cannot tell call it once, at the end). */
  readonly onUploadProgress?: ((loaded: number) => void) | undefined;
}

/**
 * A request body: bytes, or a Blob (browsers send Blob slices without copying them to the main thread).
 * Transports must send exactly these bytes; a retry resends the same value.
 */
export type RequestBody = Uint8Array | Blob;

export interface WriteResult {
  /** The quoted ETag as the server sent it. */
  readonly etag: string;
  /** `x-oss-hash-crc64ecma` (decimal), or undefined when the response did not carry (or expose) it. */
  readonly crc64: string | undefined;
  readonly headers: ResponseHeaders;
}

export interface GetRequest {
  /** An HTTP `Range` value (`bytes=0-99`); sent with `x-oss-range-behavior: standard`. */
  readonly range?: string | undefined;
  /** Answer 412 (ERR_SOURCE_CHANGED) unless the object still has this ETag. */
  readonly ifMatch?: string | undefined;
}

export interface GetResponse {
  /** 200 or 206. */
  readonly status: number;
  readonly headers: ResponseHeaders;
  /** The body as it arrives. The caller reads it to the end or cancels it. */
  readonly body: ReadableStream<Uint8Array>;
}

export interface ListRequest {
  readonly prefix?: string | undefined;
  readonly delimiter?: string | undefined;
  /** Continuation token from the previous page. */
  readonly token?: string | undefined;
  /** Keys per page (1..1000, default 1000). */
  readonly maxKeys?: number | undefined;
}

export interface ObjectSummary {
  readonly key: string;
  readonly size: number;
  readonly etag: string;
  /** ISO-8601 as the server sent it. */
  readonly lastModified: string;
}

export interface ListPage {
  readonly objects: readonly ObjectSummary[];
  /** Common prefixes when a delimiter was given. */
  readonly prefixes: readonly string[];
  /** Present when more pages follow. */
  readonly nextToken: string | undefined;
}

export interface UploadedPart {
  readonly partNumber: number;
  readonly etag: string;
  readonly size: number;
}

export interface MultipartUploadSummary {
  readonly key: string;
  readonly uploadId: string;
  readonly initiated: string;
}

/** A part named in CompleteMultipartUpload. */
export interface PartReference {
  readonly partNumber: number;
  readonly etag: string;
}

/**
 * The OSS operations of one bucket. Every method either resolves or rejects with an `OssCseError` whose code
 * comes from the engine's one table ({@link ossError}, {@link networkError}): `ERR_NOT_FOUND`,
 * `ERR_SOURCE_CHANGED`, `ERR_INVALID_RANGE`, `ERR_TOKEN_EXPIRED` (stale temporary credentials, so the engine
 * refreshes), `ERR_CREDENTIALS`, `ERR_ACCESS_DENIED`, `ERR_TRANSPORT` (with `details.retryable`), `ERR_ABORTED`.
 */
export interface ObjectTransport {
  readonly bucket: string;
  putObject(
    key: string,
    body: RequestBody,
    headers: Readonly<Record<string, string>>,
    ctx: RequestContext,
  ): Promise<WriteResult>;
  getObject(key: string, request: GetRequest, ctx: RequestContext): Promise<GetResponse>;
  headObject(key: string, ctx: RequestContext): Promise<ResponseHeaders>;
  deleteObject(key: string, ctx: RequestContext): Promise<void>;
  listObjects(request: ListRequest, ctx: RequestContext): Promise<ListPage>;
  initiateMultipartUpload(key: string, headers: Readonly<Record<string, string>>, ctx: RequestContext): Promise<string>;
  uploadPart(
    key: string,
    uploadId: string,
    partNumber: number,
    body: RequestBody,
    headers: Readonly<Record<string, string>>,
    ctx: RequestContext,
  ): Promise<WriteResult>;
  completeMultipartUpload(
    key: string,
    uploadId: string,
    parts: readonly PartReference[],
    ctx: RequestContext,
  ): Promise<WriteResult>;
  abortMultipartUpload(key: string, uploadId: string, ctx: RequestContext): Promise<void>;
  /** Every part the server holds for the upload (all pages). */
  listParts(key: string, uploadId: string, ctx: RequestContext): Promise<UploadedPart[]>;
  /** Every multipart upload in progress under `prefix` (all pages). */
  listMultipartUploads(
    request: { prefix?: string | undefined },
    ctx: RequestContext,
  ): Promise<MultipartUploadSummary[]>;
  /** The object's URL (no signature), e.g. for CORS diagnosis: `http://localhost:9000/bucket/key`. */
  objectUrl(key: string): string;
  /** Releases connections the transport keeps (optional). */
  close?(): void;
}
