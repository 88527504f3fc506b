// The client: created once with keyring, bucket, endpoint/region and the app's STS vending call; returns verbs.
import { Keyring, OssCseError, type MasterKey } from '@oss-cse/core';
import { checkCors, reachable, simpleRequestPasses, type CheckCorsOptions, type CorsReport } from './cors/check-cors.js';
import { credentialsProvider, type CredentialsProvider, type CredentialsProviderOptions, type CredentialsSource } from './credentials/credentials.js';
import { downloadBlob, downloadStream, headObject, readRange, readStored, type DownloadOptions, type ObjectInfo } from './download/download.js';
import { isOssCseError } from './errors.js';
import { UploadStore, type PendingUpload } from './resume/upload-store.js';
import type { ClientContext } from './transfer/context.js';
import { send } from './transfer/context.js';
import type { RetryOptions } from './transfer/retry.js';
import { AliOssTransport, type AliOssTransportOptions } from './transport/ali-oss-transport.js';
import type { ListedObject, ObjectTransport, ResponseHeaders } from './transport/transport.js';
import { discard, uploadMultipart } from './upload/multipart.js';
import { DEFAULT_PART_SIZE, type UploadOptions, type UploadResult } from './upload/options.js';
import { putSmall } from './upload/put.js';
import { CryptoWorker, type WorkerFactory } from './worker/crypto-worker.js';

export interface ClientOptions extends Partial<AliOssTransportOptions> {
  /** Master keys (RSA pair, non-extractable CryptoKeys, KMS through a relay). The default key writes. */
  readonly keyring: Keyring | MasterKey | readonly MasterKey[];
  readonly bucket: string;
  /** The app's STS vending call: `() => Promise<{ accessKeyId, accessKeySecret, securityToken, expiration }>`. */
  readonly credentials: CredentialsSource | CredentialsProvider;
  readonly credentialsOptions?: CredentialsProviderOptions | undefined;
  /** Replace the ali-oss transport (tests, other signers). */
  readonly transport?: ObjectTransport | undefined;
  /** Creates the encryption Worker (default: the module Worker shipped with this package). */
  readonly worker?: WorkerFactory | undefined;
  /** IndexedDB database for pending uploads and stored keys (default `oss-cse`). */
  readonly database?: string | undefined;
  readonly retry?: RetryOptions | undefined;
}

/**
 * @example
 * ```ts
 * const client = createClient({
 *   keyring: masterKey, bucket: 'photos', region: 'oss-cn-hangzhou',
 *   credentials: () => fetch('/api/sts').then((r) => r.json()),
 * });
 * await client.upload(file, `users/alice/${file.name}`, { onProgress: (p) => bar.value = p.loaded / p.total });
 * const blob = await client.download(`users/alice/${file.name}`);
 * ```
 */
export function createClient(options: ClientOptions): BrowserClient {
  return new BrowserClient(options);
}

export class BrowserClient {
  readonly #ctx: ClientContext;

  constructor(options: ClientOptions) {
    /* Precondition: options with keyring, bucket and credentials. */
    if (typeof options !== 'object' || options === null) throw new TypeError('"options" expected { keyring, bucket, credentials, endpoint|region }');
    if (typeof options.bucket !== 'string' || !options.bucket) throw new TypeError('"bucket" expected a non-empty string');
    const keyring = Keyring.from(options.keyring as Keyring | MasterKey | readonly MasterKey[]);
    const credentials = typeof options.credentials === 'function'
      ? credentialsProvider(options.credentials, options.credentialsOptions)
      : options.credentials;
    if (!credentials || typeof credentials.get !== 'function') throw new TypeError('"credentials" expected an async function or a CredentialsProvider');
    const transport = options.transport ?? new AliOssTransport({ ...options, bucket: options.bucket });
    this.#ctx = {
      transport, bucket: options.bucket, credentials, keyring,
      worker: new CryptoWorker(keyring, options.worker),
      store: new UploadStore(options.database),
      retry: options.retry ?? {},
    };
  }

  get keyring(): Keyring {
    return this.#ctx.keyring;
  }

  get credentials(): CredentialsProvider {
    return this.#ctx.credentials;
  }

  /**
   * Encrypts `file` in the Worker and uploads it to `key`: one PutObject up to `multipartThreshold`, else a
   * resumable crypto multipart upload with parallel parts.
   */
  upload(file: Blob, key: string, options: UploadOptions = {}): Promise<UploadResult> {
    /* Precondition: a Blob (File) and a key. */
    if (!(file instanceof Blob)) throw new TypeError('"file" expected a File or Blob');
    checkKey(key);
    const threshold = options.multipartThreshold ?? options.partSize ?? DEFAULT_PART_SIZE;
    return this.#explain(key, file.size <= threshold ? putSmall(this.#ctx, file, key, options) : uploadMultipart(this.#ctx, file, key, options));
  }

  /** The decrypted object (or a range) as a Blob. */
  download(key: string, options: DownloadOptions = {}): Promise<Blob> {
    checkKey(key);
    return this.#explain(key, downloadBlob(this.#ctx, key, options));
  }

  /** The decrypted object as a stream, fetched and decrypted range by range. */
  downloadStream(key: string, options: DownloadOptions = {}): Promise<ReadableStream<Uint8Array>> {
    checkKey(key);
    return this.#explain(key, downloadStream(this.#ctx, key, options));
  }

  /** Plaintext bytes `range` (e.g. `'1000-1999'`), fetching only the 16-aligned range. */
  getRange(key: string, range: string | { start: number; end?: number }, options: DownloadOptions = {}): Promise<Uint8Array> {
    checkKey(key);
    return this.#explain(key, readRange(this.#ctx, key, range, options));
  }

  /** An object URL of the decrypted object for previews (`<img src>`, `<video src>`); revoke it when done. */
  async objectUrl(key: string, options: DownloadOptions & { type: string }): Promise<string> {
    return URL.createObjectURL(await this.download(key, options));
  }

  /** Metadata and envelope summary (no key material). */
  head(key: string, options: { signal?: AbortSignal } = {}): Promise<ObjectInfo> {
    checkKey(key);
    return this.#explain(key, headObject(this.#ctx, key, options.signal));
  }

  /** Objects under `prefix`. */
  list(prefix = '', options: { signal?: AbortSignal } = {}): Promise<ListedObject[]> {
    return this.#explain(prefix, send(this.#ctx, (req) => this.#ctx.transport.list(prefix, req), { signal: options.signal }));
  }

  /** The bytes the server stores (ciphertext), e.g. `{ range: 'bytes=0-255' }`. */
  stored(key: string, options: { range?: string; signal?: AbortSignal } = {}): Promise<{ bytes: Uint8Array; headers: ResponseHeaders }> {
    checkKey(key);
    return this.#explain(key, readStored(this.#ctx, key, options));
  }

  delete(key: string): Promise<void> {
    checkKey(key);
    return this.#explain(key, send(this.#ctx, (req) => this.#ctx.transport.delete(key, req)));
  }

  /** Pending (resumable) uploads of this browser profile. */
  async pendingUploads(): Promise<PendingUpload[]> {
    return (await this.#ctx.store.list()).filter((u) => u.bucket === this.#ctx.bucket);
  }

  /** Aborts a pending upload on the server and forgets it. */
  async discardUpload(upload: PendingUpload | string): Promise<void> {
    const record = typeof upload === 'string' ? await this.#ctx.store.get(upload) : upload;
    if (record) await discard(this.#ctx, record);
  }

  /** Names the AllowedHeader/ExposeHeader/AllowedMethod entries the bucket's CORS rule misses for this page. */
  checkCors(options: CheckCorsOptions = {}): Promise<CorsReport> {
    return checkCors(this.#ctx, options);
  }

  /** Stops the encryption Worker. */
  close(): void {
    this.#ctx.worker.terminate();
  }

  /** A network failure where a bare CORS request to the bucket fails too becomes ERR_CORS. */
  async #explain<T>(key: string, op: Promise<T>): Promise<T> {
    try {
      return await op;
    } catch (e) {
      if (isOssCseError(e, 'ERR_TRANSPORT') && Number(e.details?.['status'] ?? 0) <= 0) {
        const url = this.#ctx.transport.objectUrl(key);
        if (!(await simpleRequestPasses(url)) && (await reachable(url))) {
          throw new OssCseError('ERR_CORS',
            `The bucket "${this.#ctx.bucket}" answered, but its CORS rule does not allow this page (${globalThis.location?.origin ?? 'this origin'}). ` +
            'Add a CORS rule with this AllowedOrigin, methods GET/PUT/POST/DELETE/HEAD, AllowedHeader * and the ExposeHeader list (client.checkCors() names what is missing).',
            { cause: e, details: { ...e.details, origin: globalThis.location?.origin ?? null } });
        }
      }
      throw e;
    }
  }
}

function checkKey(key: unknown): asserts key is string {
  if (typeof key !== 'string' || key.length === 0) throw new TypeError('"key" expected a non-empty object key');
}
