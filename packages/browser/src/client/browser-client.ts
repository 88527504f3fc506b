// The browser client: the engine's client (the same verbs, options, results and error codes as every runtime) with
// the browser's adapters (the ali-oss XHR transport, encryption in a Web Worker, resume records in IndexedDB) and
// the browser's conveniences: Blobs and object URLs, the stored ciphertext, a CORS check, and failures that CORS
// causes reported as ERR_CORS.
import { parseByteRange, type ByteRange, type MultipartMaterial } from '@oss-cse/core';
import {
  existingAliOssSettings,
  blobSink,
  readBody,
  contentLength,
  send,
  TransferClient,
  type ClientOptions,
  type ConnectionOptions,
  type DownloadOptions,
  type DownloadResult,
  type DownloadSink,
  type EncryptedMultipartUpload,
  type GetOptions,
  type GetResult,
  type GetStreamOptions,
  type ListedObject,
  type ListedPrefix,
  type ListOptions,
  type MultipartUploadSummary,
  type ObjectInfo,
  type PutOptions,
  type PutResult,
  type ResponseHeaders,
  type ResumeRecord,
  type RewrapOptions,
  type RewrapResult,
  type InitiateMultipartUploadOptions,
  type SendOptions,
  type TransferOptions,
  type UploadCallOptions,
  type UploadResult,
  type UploadSource,
} from '@oss-cse/transfer';
import type { CheckCorsOptions, CorsReport } from '../cors/check-cors.js';
import { lazyResumeStore } from '../resume/lazy-resume-store.js';
import { createAliOssTransport } from '../transport/ali-oss-transport.js';
import type { ShareLink, ShareOptions } from '../share/create-share.js';
import { workerCipherRunner } from '../worker/worker-runner.js';
import type { WorkerFactory } from '../worker/worker-channel.js';

/** Options of the browser client: the engine's client options plus what a page adds (Worker, IndexedDB). */
export interface BrowserClientOptions extends ClientOptions {
  /** Creates the encryption Worker (default: the module Worker shipped with this package). */
  readonly worker?: WorkerFactory | undefined;
  /** IndexedDB database of the resume records (default `oss-cse`). */
  readonly database?: string | undefined;
}

/** Options of `downloadBlob` and `objectUrl`: a download's, a plaintext range, and the Blob's type. */
export interface BlobDownloadOptions extends DownloadOptions {
  /** Inclusive plaintext range (`'1000-1999'`, `'-500'`): one ranged read instead of a download. */
  readonly range?: string | ByteRange | undefined;
  /** MIME type of the Blob (default application/octet-stream). */
  readonly type?: string | undefined;
}

/**
 * @example
 * ```ts
 * import { createClient, type Credentials } from '@oss-cse/browser';
 * import type { RsaMasterKey } from '@oss-cse/core';
 * declare const masterKey: RsaMasterKey, file: File, bar: HTMLProgressElement;
 * const client = createClient({
 *   keyring: masterKey,
 *   bucket: 'photos',
 *   region: 'cn-hangzhou',
 *   credentials: () => fetch('/api/sts').then((r) => r.json() as Promise<Credentials>),
 * });
 * await client.upload(`users/alice/${file.name}`, file, {
 *   onProgress: (p) => (bar.value = p.bytesDone / p.bytesTotal),
 * });
 * const blob = await client.downloadBlob(`users/alice/${file.name}`);
 * ```
 */
export function createClient(options: BrowserClientOptions): BrowserClient {
  return new BrowserClient(options);
}

export class BrowserClient extends TransferClient {
  readonly #connection: ConnectionOptions;

  constructor(options: BrowserClientOptions) {
    super(options, {
      createTransport: (connection) => createAliOssTransport(connection),
      adoptAliOssClient: (ossClient, connection) => createAliOssTransport({ ...connection, ossClient }),
      createCipher: (keyring) => workerCipherRunner(keyring, options.worker),
      // IndexedDB's code is loaded at the first use of a resume record (multipart uploads, downloads to a sink).
      resumeStore: lazyResumeStore(() =>
        import('../resume/indexeddb-resume-store.js').then((m) =>
          m.indexedDbResumeStore({ database: options?.database }),
        ),
      ),
    });
    const { region, endpoint, signatureVersion, pathStyle, timeoutMs } = options;
    // With the page's own ali-oss client, where its bucket is and how it signs (share links sign the same way).
    this.#connection =
      options.ossClient !== undefined
        ? existingAliOssSettings(options.ossClient).connection
        : { bucket: this.bucket, region, endpoint, signatureVersion, pathStyle, timeoutMs };
  }

  override put(
    key: string,
    data: Uint8Array | string | Blob | ReadableStream<Uint8Array>,
    options?: PutOptions,
  ): Promise<PutResult> {
    return this.#explain(key, super.put(key, data, options));
  }

  override get(key: string, options?: GetOptions): Promise<GetResult<Uint8Array>> {
    return this.#explain(key, super.get(key, options));
  }

  override async getStream(key: string, options?: GetStreamOptions): Promise<GetResult<ReadableStream<Uint8Array>>> {
    const r = await this.#explain(key, super.getStream(key, options));
    return { ...r, body: this.#explainStream(key, r.body) };
  }

  override head(key: string, options?: Pick<TransferOptions, 'signal'>): Promise<ObjectInfo> {
    return this.#explain(key, super.head(key, options));
  }

  override async *list(options: ListOptions = {}): AsyncGenerator<ListedObject | ListedPrefix> {
    try {
      yield* super.list(options);
    } catch (e) {
      throw await this.#diagnose(options.prefix, e);
    }
  }

  override delete(key: string, options?: Pick<TransferOptions, 'signal'>): Promise<void> {
    return this.#explain(key, super.delete(key, options));
  }

  override upload(key: string, source: UploadSource, options?: UploadCallOptions): Promise<UploadResult> {
    return this.#explain(key, super.upload(key, source, options));
  }

  override download(key: string, sink: DownloadSink, options?: DownloadOptions): Promise<DownloadResult> {
    return this.#explain(key, super.download(key, sink, options));
  }

  override rewrap(key: string, options: RewrapOptions): Promise<RewrapResult> {
    return this.#explain(key, super.rewrap(key, options));
  }

  override initiateMultipartUpload(
    key: string,
    options: InitiateMultipartUploadOptions,
  ): Promise<EncryptedMultipartUpload> {
    return this.#explain(key, super.initiateMultipartUpload(key, options));
  }

  override resumeMultipartUpload(
    key: string,
    uploadId: string,
    material: MultipartMaterial,
    options?: SendOptions,
  ): Promise<EncryptedMultipartUpload> {
    return this.#explain(key, super.resumeMultipartUpload(key, uploadId, material, options));
  }

  override listMultipartUploads(
    options: { prefix?: string | undefined } & SendOptions = {},
  ): Promise<MultipartUploadSummary[]> {
    return this.#explain(options.prefix, super.listMultipartUploads(options));
  }

  override discardTransfer(record: ResumeRecord | string, options?: SendOptions): Promise<void> {
    return this.#explain(typeof record === 'string' ? undefined : record.key, super.discardTransfer(record, options));
  }

  /** The decrypted object as a Blob (a verified parallel download), or a plaintext `range` of it. */
  async downloadBlob(key: string, options: BlobDownloadOptions = {}): Promise<Blob> {
    const { range, type, ...download } = options;
    if (range !== undefined) {
      const { body } = await this.get(key, {
        range,
        signal: download.signal,
        retry: download.retry,
        onRetry: download.onRetry,
      });
      return new Blob([body as Uint8Array<ArrayBuffer>], { type: type ?? 'application/octet-stream' });
    }
    // Nothing of a Blob download survives the page: it is never resumable.
    const sink = blobSink({ type });
    await this.download(key, sink, { ...download, resume: false });
    return sink.blob!;
  }

  /** An object URL of the decrypted object for previews (`<img src>`, `<video src>`); revoke it when done. */
  async objectUrl(key: string, options: BlobDownloadOptions & { type: string }): Promise<string> {
    return URL.createObjectURL(await this.downloadBlob(key, options));
  }

  /**
   * A share link: a viewer page URL whose fragment holds this object's data key and IV and a presigned GET URL of its
   * ciphertext. Whoever holds the link reads this one object until `expiresAt`, with no key, account or credentials;
   * rewrapping does not revoke it, deleting or re-encrypting the object does (README: "Share links").
   */
  share(key: string, options: ShareOptions): Promise<ShareLink> {
    // Loaded on first use: pages that never share do not carry the presigning fetch transport.
    const created = import('../share/create-share.js').then(({ createShare }) =>
      createShare(this.ctx, this.#connection, key, options),
    );
    return this.#explain(key, created);
  }

  /** The bytes the server stores (ciphertext, not decrypted) and its response headers, or a `range` of them. */
  stored(
    key: string,
    options: { range?: string | ByteRange | undefined; signal?: AbortSignal | undefined } = {},
  ): Promise<{ bytes: Uint8Array; headers: ResponseHeaders }> {
    const operation = `GetObject ${key}`;
    const range =
      options.range === undefined
        ? undefined
        : rangeHeader(typeof options.range === 'string' ? parseByteRange(options.range) : options.range);
    return this.#explain(
      key,
      send(
        this.ctx,
        async (req) => {
          const r = await this.ctx.transport.getObject(key, { range }, req);
          return { bytes: await readBody(r.body, operation, contentLength(r.headers)), headers: r.headers };
        },
        { signal: options.signal },
      ),
    );
  }

  /**
   * Names the AllowedOrigin/AllowedMethod/AllowedHeader/ExposeHeader entries the bucket's CORS rule misses for this
   * page.
   */
  checkCors(options: CheckCorsOptions = {}): Promise<CorsReport> {
    // Loaded with import() when called, like the diagnosis: pages whose calls succeed never fetch either.
    return import('../cors/check-cors.js').then(({ checkCors }) => checkCors(this.ctx, options));
  }

  async #diagnose(key: string | undefined, e: unknown): Promise<unknown> {
    // If the diagnosis cannot even be loaded (the network is down), the failure stands as it is.
    const loaded = await import('../cors/diagnose.js').catch(() => undefined);
    return loaded ? loaded.diagnose(e, this.ctx.transport.objectUrl(key || '.oss-cse-cors-probe'), this.bucket) : e;
  }

  async #explain<T>(key: string | undefined, op: Promise<T>): Promise<T> {
    try {
      return await op;
    } catch (e) {
      throw await this.#diagnose(key, e);
    }
  }

  #explainStream(key: string, body: ReadableStream<Uint8Array>): ReadableStream<Uint8Array> {
    const reader = body.getReader();
    return new ReadableStream<Uint8Array>(
      {
        pull: async (controller) => {
          try {
            const { done, value } = await reader.read();
            if (done) controller.close();
            else controller.enqueue(value);
          } catch (e) {
            throw await this.#diagnose(key, e);
          }
        },
        cancel: (reason) => reader.cancel(reason),
      },
      { highWaterMark: 0 },
    );
  }
}

function rangeHeader(range: ByteRange): string {
  return 'suffix' in range ? `bytes=-${range.suffix}` : `bytes=${range.start}-${range.end ?? ''}`;
}
