// The object-store operations the client needs, independent of the HTTP library behind them.
import type { Readable } from 'node:stream';

/** Response headers with lower-case names. */
export type ResponseHeaders = Readonly<Record<string, string>>;

export interface RequestOptions {
  readonly signal?: AbortSignal | undefined;
}

export interface PutResult {
  readonly etag: string;
  /** The server's `x-oss-hash-crc64ecma` (decimal), when sent. */
  readonly crc64: string | undefined;
  readonly headers: ResponseHeaders;
}

export interface GetOptions extends RequestOptions {
  /** An HTTP `Range` value, e.g. `bytes=0-99`; sent with `x-oss-range-behavior: standard`. */
  readonly range?: string | undefined;
  /** Fail with ERR_SOURCE_CHANGED unless the object still has this ETag. */
  readonly ifMatch?: string | undefined;
}

export interface GetResult<B> {
  /** 200 or 206. */
  readonly status: number;
  readonly headers: ResponseHeaders;
  readonly body: B;
}

export interface ObjectSummary {
  readonly key: string;
  readonly size: number;
  readonly etag: string;
  readonly lastModified: string;
}

export interface ListPage {
  readonly objects: readonly ObjectSummary[];
  /** Common prefixes when a delimiter was given. */
  readonly prefixes: readonly string[];
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

/**
 * What the client needs from OSS. Every method throws `OssCseError` (ERR_TRANSPORT with `status`/`ossCode`
 * details, ERR_NOT_FOUND, ERR_SOURCE_CHANGED for a failed If-Match, ERR_INVALID_RANGE for 416, ERR_CREDENTIALS).
 * Implementations refresh credentials as needed but do not retry: retries belong to the transfer layer, which
 * resends identical bytes.
 */
export interface ObjectTransport {
  readonly bucket: string;
  putObject(key: string, body: Buffer, options: RequestOptions & { headers: Record<string, string> }): Promise<PutResult>;
  getObject(key: string, options?: GetOptions): Promise<GetResult<Buffer>>;
  getObjectStream(key: string, options?: GetOptions): Promise<GetResult<Readable>>;
  headObject(key: string, options?: RequestOptions): Promise<ResponseHeaders>;
  deleteObject(key: string, options?: RequestOptions): Promise<void>;
  listObjects(options: RequestOptions & { prefix?: string | undefined; delimiter?: string | undefined; token?: string | undefined; maxKeys?: number | undefined }): Promise<ListPage>;
  initiateMultipartUpload(key: string, options: RequestOptions & { headers: Record<string, string> }): Promise<string>;
  uploadPart(key: string, uploadId: string, partNumber: number, body: Buffer, options: RequestOptions & { headers: Record<string, string> }): Promise<PutResult>;
  completeMultipartUpload(key: string, uploadId: string, parts: ReadonlyArray<{ partNumber: number; etag: string }>, options?: RequestOptions): Promise<PutResult>;
  abortMultipartUpload(key: string, uploadId: string, options?: RequestOptions): Promise<void>;
  listParts(key: string, uploadId: string, options?: RequestOptions): Promise<UploadedPart[]>;
  listMultipartUploads(options?: RequestOptions & { prefix?: string | undefined }): Promise<MultipartUploadSummary[]>;
}
