// The OSS operations the engine needs, behind one interface. A transport signs and sends one request and maps
// the answer (OssCseError through errors/oss-errors.ts); it never retries and never refreshes credentials: the
// engine does both, once, for every transport (request/send.ts). Implementations: the fetch transport in this
// package (every runtime), and ali-oss transports in @oss-cse/node and @oss-cse/browser.
import type { Credentials } from '@oss-cse/core';

/** Response headers with lower-case names. */
export type ResponseHeaders = Readonly<Record<string, string>>;

/** What every request carries: the credentials to sign with, cancellation and upload progress. */
export interface RequestContext {
  /** The credentials to sign with. */
  readonly credentials: Credentials;
  /** Cancels the request (ERR_ABORTED). */
  readonly signal?: AbortSignal | undefined;
  /** Bytes of the request body sent so far (transports that cannot tell call it once, at the end). */
  readonly onUploadProgress?: ((loaded: number) => void) | undefined;
}

/**
 * A request body: bytes, or a Blob (browsers send Blob slices without copying them to the main thread).
 * Transports must send exactly these bytes; a retry resends the same value.
 */
export type RequestBody = Uint8Array | Blob;

/** The answer to a write (PutObject, UploadPart, CompleteMultipartUpload). */
export interface WriteResult {
  /** The quoted ETag as the server sent it. */
  readonly etag: string;
  /** `x-oss-hash-crc64ecma` (decimal), or undefined when the response did not carry (or expose) it. */
  readonly crc64: string | undefined;
  /** Every response header, lower-case names. */
  readonly headers: ResponseHeaders;
}

/** What a GET asks for beyond the key: a range and a precondition. */
export interface GetRequest {
  /** An HTTP `Range` value (`bytes=0-99`); sent with `x-oss-range-behavior: standard`. */
  readonly range?: string | undefined;
  /** Answer 412 (ERR_SOURCE_CHANGED) unless the object still has this ETag. */
  readonly ifMatch?: string | undefined;
}

/** The answer to a GET, its body not yet read. */
export interface GetResponse {
  /** 200 or 206. */
  readonly status: number;
  /** Every response header, lower-case names. */
  readonly headers: ResponseHeaders;
  /** The body as it arrives. The caller reads it to the end or cancels it. */
  readonly body: ReadableStream<Uint8Array>;
}

/** One ListObjectsV2 request. */
export interface ListRequest {
  /** Only keys that start with this. */
  readonly prefix?: string | undefined;
  /** Group keys by this character after the prefix (usually `/`) into `prefixes`. */
  readonly delimiter?: string | undefined;
  /** Continuation token from the previous page. */
  readonly token?: string | undefined;
  /** Keys per page (1..1000, default 1000). */
  readonly maxKeys?: number | undefined;
}

/** An object of a listing. */
export interface ObjectSummary {
  /** The object key. */
  readonly key: string;
  /** Stored size in bytes (of the ciphertext, which is as long as the plaintext). */
  readonly size: number;
  /** The quoted ETag. */
  readonly etag: string;
  /** ISO-8601 as the server sent it. */
  readonly lastModified: string;
}

/** One page of a listing. */
export interface ListPage {
  /** The objects of this page, in key order. */
  readonly objects: readonly ObjectSummary[];
  /** Common prefixes when a delimiter was given. */
  readonly prefixes: readonly string[];
  /** Present when more pages follow. */
  readonly nextToken: string | undefined;
}

/** A part the server holds for a multipart upload (ListParts). */
export interface UploadedPart {
  /** 1-based part number. */
  readonly partNumber: number;
  /** The quoted ETag of the part. */
  readonly etag: string;
  /** Size of the part in bytes. */
  readonly size: number;
}

/** A multipart upload in progress (ListMultipartUploads). */
export interface MultipartUploadSummary {
  /** The object key. */
  readonly key: string;
  /** The upload id. */
  readonly uploadId: string;
  /** When it was initiated, ISO-8601 as the server sent it. */
  readonly initiated: string;
}

/** A part named in CompleteMultipartUpload. */
export interface PartReference {
  /** 1-based part number. */
  readonly partNumber: number;
  /** The ETag UploadPart returned for it. */
  readonly etag: string;
}

/**
 * The OSS operations of one bucket. Every method either resolves or rejects with an `OssCseError` whose code
 * comes from the engine's one table ({@link ossError}, {@link networkError}): `ERR_NOT_FOUND`,
 * `ERR_SOURCE_CHANGED`, `ERR_INVALID_RANGE`, `ERR_TOKEN_EXPIRED` (stale temporary credentials, so the engine
 * refreshes), `ERR_CREDENTIALS`, `ERR_ACCESS_DENIED`, `ERR_TRANSPORT` (with `details.retryable`), `ERR_ABORTED`.
 */
export interface ObjectTransport {
  /** The bucket every request goes to. */
  readonly bucket: string;
  /** PutObject: writes `body` with `headers` (the encryption headers included) in one request. */
  putObject(
    key: string,
    body: RequestBody,
    headers: Readonly<Record<string, string>>,
    ctx: RequestContext,
  ): Promise<WriteResult>;
  /** GetObject: the whole object or a range, as a stream. */
  getObject(key: string, request: GetRequest, ctx: RequestContext): Promise<GetResponse>;
  /** HeadObject: the headers of the object (its size, ETag and encryption headers). */
  headObject(key: string, ctx: RequestContext): Promise<ResponseHeaders>;
  /** DeleteObject. */
  deleteObject(key: string, ctx: RequestContext): Promise<void>;
  /** ListObjectsV2: one page. */
  listObjects(request: ListRequest, ctx: RequestContext): Promise<ListPage>;
  /** InitiateMultipartUpload with `headers` (the encryption headers); resolves to the upload id. */
  initiateMultipartUpload(key: string, headers: Readonly<Record<string, string>>, ctx: RequestContext): Promise<string>;
  /** UploadPart: one encrypted part. */
  uploadPart(
    key: string,
    uploadId: string,
    partNumber: number,
    body: RequestBody,
    headers: Readonly<Record<string, string>>,
    ctx: RequestContext,
  ): Promise<WriteResult>;
  /** CompleteMultipartUpload with the parts in order. */
  completeMultipartUpload(
    key: string,
    uploadId: string,
    parts: readonly PartReference[],
    ctx: RequestContext,
  ): Promise<WriteResult>;
  /** AbortMultipartUpload: the server drops the parts. */
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
