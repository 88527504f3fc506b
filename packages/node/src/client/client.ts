// The client: created once with a keyring and connection settings; its methods are the verbs.
import type { Readable } from 'node:stream';
import { Keyring, type MasterKey, type MultipartMaterial, type ReadPolicy } from '@oss-cse/core';
import {
  checkCredentials, environmentCredentials, refreshingCredentials, staticCredentials, type Credentials, type CredentialsProvider,
} from '../credentials/credentials.js';
import { AliOssTransport } from '../transport/ali-oss-transport.js';
import type { MultipartUploadSummary, ObjectTransport } from '../transport/object-transport.js';
import type { RetryOptions } from '../transfer/retry.js';
import {
  checkConcurrency, DEFAULT_CONCURRENCY, DEFAULT_MULTIPART_THRESHOLD, DEFAULT_TRANSFER_PART_SIZE, type ClientContext,
} from './context.js';
import { downloadObject, type DownloadOptions, type DownloadResult } from './download.js';
import { getObject, getObjectStream, type GetOptions, type GetResult } from './get.js';
import { headObject } from './head.js';
import { listObjects, type ListedObject, type ListOptions } from './list.js';
import type { ObjectInfo } from './metadata.js';
import { EncryptedMultipartUpload } from './multipart.js';
import { putObject, type PutOptions, type PutResult } from './put.js';
import { rewrapObject, type RewrapOptions, type RewrapResult } from './rewrap.js';
import type { PutData, UploadSource } from './source.js';
import { uploadObject, type UploadOptions, type UploadResult } from './upload.js';

export interface ClientOptions {
  /** Master keys: the default one encrypts, the matching one decrypts. */
  readonly keyring: Keyring | MasterKey | readonly MasterKey[];
  readonly bucket: string;
  /** Region id (`cn-hangzhou` or `oss-cn-hangzhou`); required for signature V4. */
  readonly region?: string | undefined;
  /** Endpoint URL; default `https://oss-<region>.aliyuncs.com`. */
  readonly endpoint?: string | undefined;
  /** Request signature: `v4` (default) or `v1`. */
  readonly signatureVersion?: 'v4' | 'v1' | undefined;
  /** Path-style addressing; default true for localhost and IP endpoints. */
  readonly pathStyle?: boolean | undefined;
  /**
   * Static credentials, a provider, or an async function returning (STS) credentials, refreshed before
   * `expiration` and when OSS rejects the token. Default: `OSS_ACCESS_KEY_ID`/`OSS_ACCESS_KEY_SECRET`/`OSS_SESSION_TOKEN`.
   */
  readonly credentials?: Credentials | CredentialsProvider | (() => Promise<Credentials>) | undefined;
  /** Use another transport (tests, other HTTP stacks); connection options are then ignored. */
  readonly transport?: ObjectTransport | undefined;
  /** Multipart part size (default 8 MiB). */
  readonly partSize?: number | undefined;
  /** Parts in flight (default 4). */
  readonly concurrency?: number | undefined;
  /** Larger objects are uploaded in parts (default: the part size). */
  readonly multipartThreshold?: number | undefined;
  readonly retry?: RetryOptions | undefined;
  /** Per-request timeout (default 60 s). */
  readonly timeoutMs?: number | undefined;
  /** Read policy: `allowUnencrypted`, `profile: 'strict'`, `verifyIntegrity`. */
  readonly policy?: ReadPolicy | undefined;
}

/**
 * Encrypted OSS access from Node.
 *
 * @example
 * ```ts
 * const keyring = new Keyring(await RsaMasterKey.import({ privateKey: pem }));
 * const client = createClient({ keyring, bucket: 'my-bucket', region: 'cn-hangzhou' });
 * await client.put('hello.txt', 'hello');
 * const { body } = await client.get('hello.txt', { range: '0-3' });
 * await client.upload('backup.tar', '/var/backups/backup.tar', { checkpointDir: '.oss-cse', onProgress: console.log });
 * ```
 */
export class OssCseClient {
  readonly #ctx: ClientContext;
  readonly #owned: AliOssTransport | undefined;

  constructor(options: ClientOptions) {
    if (typeof options !== 'object' || options === null) throw new TypeError('"options" expected an object');
    const keyring = options.keyring instanceof Keyring ? options.keyring : Keyring.from(options.keyring as MasterKey | readonly MasterKey[]);
    const transport = options.transport ?? new AliOssTransport({
      bucket: options.bucket, region: options.region, endpoint: options.endpoint, signatureVersion: options.signatureVersion,
      pathStyle: options.pathStyle, credentials: toProvider(options.credentials), timeoutMs: options.timeoutMs,
    });
    this.#owned = options.transport ? undefined : (transport as AliOssTransport);
    this.#ctx = {
      transport, keyring, policy: options.policy,
      defaults: {
        partSize: options.partSize ?? DEFAULT_TRANSFER_PART_SIZE,
        concurrency: checkConcurrency(options.concurrency ?? DEFAULT_CONCURRENCY),
        multipartThreshold: options.multipartThreshold ?? options.partSize ?? DEFAULT_MULTIPART_THRESHOLD,
        retry: options.retry ?? {},
      },
    };
  }

  get bucket(): string {
    return this.#ctx.transport.bucket;
  }

  /** Encrypts `data` and stores it with one PutObject. */
  put(key: string, data: PutData, options?: PutOptions): Promise<PutResult> {
    return putObject(this.#ctx, key, data, options);
  }

  /** Downloads and decrypts an object or a range of it into a Buffer. */
  get(key: string, options?: GetOptions): Promise<GetResult<Buffer>> {
    return getObject(this.#ctx, key, options);
  }

  /** Downloads and decrypts an object or a range as a Node Readable. */
  getStream(key: string, options?: GetOptions): Promise<GetResult<Readable>> {
    return getObjectStream(this.#ctx, key, options);
  }

  /** Object facts and the envelope summary; nothing is downloaded or unwrapped. */
  head(key: string, options?: { signal?: AbortSignal }): Promise<ObjectInfo> {
    return headObject(this.#ctx, key, options);
  }

  /** Objects under a prefix (with `withEnvelope`, how each is encrypted). */
  list(options?: ListOptions): AsyncGenerator<ListedObject> {
    return listObjects(this.#ctx, options);
  }

  /** Deletes an object. */
  delete(key: string, options?: { signal?: AbortSignal }): Promise<void> {
    return this.#ctx.transport.deleteObject(key, options);
  }

  /** Uploads a file (path), stream or bytes of any size: one PUT or parallel resumable parts. */
  upload(key: string, source: UploadSource, options?: UploadOptions): Promise<UploadResult> {
    return uploadObject(this.#ctx, key, source, options);
  }

  /** Downloads an object into `file` with parallel verified ranges; renamed into place when complete. */
  download(key: string, file: string, options?: DownloadOptions): Promise<DownloadResult> {
    return downloadObject(this.#ctx, key, file, options);
  }

  /** Re-wraps an object's data key for another master key; the ciphertext is copied unchanged. */
  rewrap(key: string, options: RewrapOptions): Promise<RewrapResult> {
    return rewrapObject(this.#ctx, key, options);
  }

  /** Low-level: starts an encrypted multipart upload of `dataSize` bytes. */
  initiateMultipartUpload(key: string, options: { dataSize: number; partSize?: number; metadata?: Record<string, string>; signal?: AbortSignal }): Promise<EncryptedMultipartUpload> {
    const headers = Object.fromEntries(Object.entries(options.metadata ?? {}).map(([k, v]) => [`x-oss-meta-${k.toLowerCase()}`, v]));
    return EncryptedMultipartUpload.initiate(this.#ctx, key, { ...options, headers });
  }

  /** Low-level: continues an encrypted multipart upload from its material (`upload.material`). */
  resumeMultipartUpload(key: string, uploadId: string, material: MultipartMaterial, options: { signal?: AbortSignal } = {}): Promise<EncryptedMultipartUpload> {
    return EncryptedMultipartUpload.resume(this.#ctx, key, uploadId, material, options.signal);
  }

  /** Multipart uploads in progress (e.g. to find abandoned ones). */
  listMultipartUploads(options?: { prefix?: string; signal?: AbortSignal }): Promise<MultipartUploadSummary[]> {
    return this.#ctx.transport.listMultipartUploads(options);
  }

  /** Releases idle connections of the built-in transport. */
  close(): void {
    this.#owned?.close();
  }
}

/** Creates a client; see {@link OssCseClient}. */
export function createClient(options: ClientOptions): OssCseClient {
  return new OssCseClient(options);
}

function toProvider(c: ClientOptions['credentials']): CredentialsProvider {
  if (c === undefined) return environmentCredentials();
  if (typeof c === 'function') return refreshingCredentials({ fetch: c });
  if (typeof (c as CredentialsProvider).getCredentials === 'function') return c as CredentialsProvider;
  return staticCredentials(checkCredentials(c as Credentials, 'credentials'));
}
