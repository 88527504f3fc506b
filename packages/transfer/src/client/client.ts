// The client: created once with a keyring and connection settings; its methods are the verbs, the same in every
// runtime. Runtime packages create it with their adapter (transport, cipher runner, resume store) and may add
// conveniences of their own (files in Node; Blobs, object URLs and a CORS check in browsers).
import type { Keyring, MultipartMaterial } from '@oss-cse/core';
import { readBody } from '../download/read-body.js';
import type { DownloadOptions, DownloadResult } from '../download/download.js';
import type { DownloadSink } from '../download/download-sink.js';
import { getObject, type GetOptions, type GetResult } from '../download/get-object.js';
import { getObjectStream, type GetStreamOptions } from '../download/get-stream.js';
import { deleteObject, headObject } from '../objects/head-list.js';
import type { ListedObject, ListedPrefix, ListOptions } from '../objects/list-objects.js';
import type { ObjectInfo } from '../objects/object-info.js';
import { requestHeaders } from '../objects/object-info.js';
import { send, type SendOptions } from '../request/send.js';
import type { ResumeRecord, UploadRecord } from '../resume/records.js';
import { toPartSource, type UploadSource } from '../source/upload-source.js';
import type { MultipartUploadSummary } from '../transport/object-transport.js';
import type { EncryptedMultipartUpload } from '../upload/encrypted-multipart-upload.js';
import { putObject, uploadSingle, type PutOptions, type PutResult } from '../upload/put-object.js';
import type { RewrapOptions, RewrapResult } from '../upload/rewrap.js';
import type { UploadOptions, UploadResult } from '../upload/upload.js';
import { createContext, type ClientOptions, type RuntimeAdapter } from './client-options.js';
import type { EngineContext, TransferOptions } from './context.js';

/** Options of `upload`: the transfer options, and the byte count of a stream source. */
export interface UploadCallOptions extends UploadOptions {
  /**
   * Byte count of a stream source (a larger-than-one-part stream of unknown size needs it, or a runtime that spools).
   */
  readonly size?: number | undefined;
}

/** Options of `initiateMultipartUpload`: the object's plaintext size, and optionally its part size and headers. */
export interface InitiateMultipartUploadOptions extends SendOptions {
  /** Plaintext bytes of the whole object (the parts are planned from it). */
  readonly dataSize: number;
  /** Bytes per part (a multiple of 16); the client's default part size when absent. */
  readonly partSize?: number | undefined;
  /** User metadata (`x-oss-meta-*`), stored beside the encryption headers. */
  readonly metadata?: Record<string, string> | undefined;
  /** The object's Content-Type. */
  readonly contentType?: string | undefined;
}

/**
 * Encrypted OSS access: the same verbs, options, results and error codes in Node, browsers, Workers, Deno, Bun and
 * workerd.
 *
 * @example
 * ```ts
 * import { createClient } from '@oss-cse/transfer';
 * import type { Credentials, Keyring } from '@oss-cse/core';
 * declare const keyring: Keyring, credentials: Credentials;
 * const client = createClient({ keyring, bucket: 'my-bucket', region: 'cn-hangzhou', credentials });
 * await client.put('hello.txt', 'hello');
 * const { body } = await client.get('hello.txt', { range: '0-3' });
 * ```
 */
export class TransferClient {
  /** @internal The engine context, for runtime packages that extend the client. */
  protected readonly ctx: EngineContext;

  constructor(options: ClientOptions, runtime: RuntimeAdapter) {
    this.ctx = createContext(options, runtime);
  }

  /** The bucket of this client. */
  get bucket(): string {
    return this.ctx.transport.bucket;
  }

  /** The client's master keys. */
  get keyring(): Keyring {
    return this.ctx.keyring;
  }

  /** Encrypts `data` and stores it with one PutObject (the data is held in memory; `upload` takes any size). */
  async put(
    key: string,
    data: Uint8Array | string | Blob | ReadableStream<Uint8Array>,
    options: PutOptions = {},
  ): Promise<PutResult> {
    checkKey(key);
    const plaintext =
      typeof data === 'string' || data instanceof Uint8Array || (typeof Blob !== 'undefined' && data instanceof Blob)
        ? data
        : await readBody(data as ReadableStream<Uint8Array>, `PutObject ${key}`);
    return putObject(
      this.ctx,
      key,
      typeof plaintext === 'string' ? new TextEncoder().encode(plaintext) : plaintext,
      options,
    );
  }

  /** An object, or a plaintext range of it, downloaded and decrypted into memory. */
  get(key: string, options: GetOptions = {}): Promise<GetResult<Uint8Array>> {
    checkKey(key);
    return getObject(this.ctx, key, options);
  }

  /** An object, or a range, as a Web stream decrypted as its ranged GETs arrive (bounded memory, pinned ETag). */
  getStream(key: string, options: GetStreamOptions = {}): Promise<GetResult<ReadableStream<Uint8Array>>> {
    checkKey(key);
    return getObjectStream(this.ctx, key, options);
  }

  /** Object facts and the envelope summary; nothing is downloaded or unwrapped. */
  head(key: string, options: Pick<TransferOptions, 'signal'> = {}): Promise<ObjectInfo> {
    checkKey(key);
    return headObject(this.ctx, key, options);
  }

  /** Objects under a prefix, as they are listed (with `withEnvelope`, how each is encrypted). */
  async *list(options: ListOptions = {}): AsyncGenerator<ListedObject | ListedPrefix> {
    // Loaded with import() at the first listing: pages that only upload and read never fetch it.
    const { listObjects } = await import('../objects/list-objects.js');
    yield* listObjects(this.ctx, options);
  }

  /** Deletes an object. */
  delete(key: string, options: Pick<TransferOptions, 'signal'> = {}): Promise<void> {
    checkKey(key);
    return deleteObject(this.ctx, key, options);
  }

  /** Uploads a source of any size: one PutObject, or parallel resumable encrypted parts. */
  async upload(key: string, source: UploadSource, options: UploadCallOptions = {}): Promise<UploadResult> {
    checkKey(key);
    const threshold = options.multipartThreshold ?? options.partSize ?? this.ctx.defaults.multipartThreshold;
    const part = await toPartSource(this.ctx, source, { size: options.size, threshold, signal: options.signal });
    try {
      if (part.size <= threshold) return await uploadSingle(this.ctx, key, part, options);
      // Multipart code (parts, resume, the low-level upload object) is loaded with import() when first needed.
      return await (await import('../upload/upload.js')).uploadParts(this.ctx, key, part, options);
    } finally {
      await part.close?.();
    }
  }

  /** Downloads an object into `sink` with parallel verified ranges; the sink commits only a verified whole. */
  download(key: string, sink: DownloadSink, options: DownloadOptions = {}): Promise<DownloadResult> {
    checkKey(key);
    // Loaded with import() at the first download: pages that read with get never fetch it.
    return import('../download/download.js').then((m) => m.download(this.ctx, key, sink, options));
  }

  /** Re-wraps an object's data key for another master key; the ciphertext is copied unchanged. */
  rewrap(key: string, options: RewrapOptions): Promise<RewrapResult> {
    checkKey(key);
    // Loaded with import() at the first rewrap: pages that only upload and download never fetch it.
    return import('../upload/rewrap.js').then(({ rewrapObject }) => rewrapObject(this.ctx, key, options));
  }

  /** Low-level: starts an encrypted multipart upload of `dataSize` bytes (parts in any order, then `complete`). */
  initiateMultipartUpload(key: string, options: InitiateMultipartUploadOptions): Promise<EncryptedMultipartUpload> {
    checkKey(key);
    const headers = requestHeaders(options);
    return multipartUpload().then((m) =>
      m.initiate(this.ctx, key, { ...options, partSize: options.partSize ?? this.ctx.defaults.partSize, headers }),
    );
  }

  /** Low-level: continues an encrypted multipart upload from its material (`upload.material`). */
  resumeMultipartUpload(
    key: string,
    uploadId: string,
    material: MultipartMaterial,
    options: SendOptions = {},
  ): Promise<EncryptedMultipartUpload> {
    checkKey(key);
    return multipartUpload().then((m) => m.resume(this.ctx, key, uploadId, material, options));
  }

  /** Multipart uploads in progress on the server (e.g. to find abandoned ones). */
  listMultipartUploads(options: { prefix?: string | undefined } & SendOptions = {}): Promise<MultipartUploadSummary[]> {
    return send(this.ctx, (req) => this.ctx.transport.listMultipartUploads(options, req), options);
  }

  /** Transfers this client's resume store can continue (uploads and downloads of this bucket). */
  async pendingTransfers(): Promise<ResumeRecord[]> {
    return ((await this.ctx.resume?.list()) ?? []).filter((r) => r.bucket === this.bucket);
  }

  /** Forgets a pending transfer; a pending upload is also aborted on the server. */
  async discardTransfer(record: ResumeRecord | string, options: SendOptions = {}): Promise<void> {
    const found = typeof record === 'string' ? await this.ctx.resume?.load(record) : record;
    if (!found) return;
    if (found.kind === 'upload') {
      const { abortUpload } = await import('../upload/encrypted-multipart-upload.js');
      await abortUpload(this.ctx, found.key, (found as UploadRecord).uploadId, options);
    }
    await this.ctx.resume?.delete(found.id);
  }

  /**
   * Releases what the client holds (connections, a Worker, the decrypted-materials cache). The client is not used
   * afterwards.
   */
  close(): void {
    this.ctx.materials.clear();
    this.ctx.transport.close?.();
    this.ctx.cipher.close?.();
  }
}

/** The low-level multipart upload class, loaded with import(): pages that never call it do not carry it. */
const multipartUpload = () => import('../upload/encrypted-multipart-upload.js').then((m) => m.EncryptedMultipartUpload);

function checkKey(key: unknown): asserts key is string {
  if (typeof key !== 'string' || key.length === 0) throw new TypeError('"key" expected a non-empty object key');
}
