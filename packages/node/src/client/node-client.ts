// The Node client: the engine's client (@oss-cse/transfer: the same verbs, options, results and error codes as
// @oss-cse/browser) with Node's adapters (the ali-oss transport, environment credentials, JSON resume records,
// temporary-file spooling) and Node's conveniences: files by path, Node streams, downloads into files.
import { Readable } from 'node:stream';
import { readFile } from 'node:fs/promises';
import {
  inlineCipherRunner,
  TransferClient,
  type ClientOptions,
  type DownloadOptions,
  type DownloadResult,
  type DownloadSink,
  type PutOptions,
  type PutResult,
  type RuntimeAdapter,
  type UploadCallOptions,
  type UploadResult,
  type UploadSource,
  type BatchSummary,
  type RewrapPrefixOptions,
  type VerifyResult,
  rewrapPrefix,
  toPartSource,
  verifyObject,
} from '@oss-cse/transfer';
import {
  downloadDirectory,
  syncDirectory,
  uploadDirectory,
  verifyDirectory,
  type DirectoryOptions,
  type SyncOptions,
} from '../batch/directory-jobs.js';
import { environmentCredentials } from '../credentials/environment-credentials.js';
import { fileSink } from '../files/file-sink.js';
import { assertDestinationFree } from '../files/staged-file.js';
import { opensslKeyring, opensslWrapKeyring } from '../keys/openssl-keyring.js';
import { nodeSha256 } from '../keys/openssl-sha256.js';
import { jsonFileResumeStore } from '../resume/json-file-store.js';
import { fileSource } from '../source/file-source.js';
import { spoolToFile } from '../source/spool.js';
import { createAliOssTransport } from '../transport/ali-oss-transport.js';

/** Options of the Node client: the engine's client options plus what Node adds (files, checkpoints, OpenSSL RSA). */
export interface NodeClientOptions extends ClientOptions {
  /**
   * Directory of the resume records (JSON files, mode 0600): uploads of files and downloads into files continue
   * where an interrupted run stopped. Without it (and without `resumeStore`) transfers are not resumable.
   */
  readonly checkpointDir?: string | undefined;
  /** Sockets per host of the built-in ali-oss transport (default 64). */
  readonly maxSockets?: number | undefined;
  /**
   * Unwrap RSA PKCS#1 v1.5 data keys with OpenSSL's raw private operation (`nodeRsaPrivateOperation`, about ten
   * times core's portable one), with core's range, fault and padding checks kept, and wrap new objects' data keys
   * and IVs with OpenSSL's public operation (`nodeRsaPublicOperation`, checked against core's once). Default true;
   * applies to RSA master keys imported without operations of their own. `false`: core's portable RSA.
   */
  readonly nativeRsa?: boolean | undefined;
}

/**
 * What `upload` reads: a file path (a string is a path here, not text: pass text as bytes), `{ file }`, a Node
 * Readable,
 * or any other source the engine takes (bytes, a Blob, a web stream, a PartSource).
 */
export type NodeUploadSource = string | { readonly file: string } | Readable | UploadSource;

/** What `put` encrypts in memory: the engine's data, a Node Readable, or `{ file }`. */
export type NodePutData =
  Uint8Array | string | Blob | ReadableStream<Uint8Array> | Readable | { readonly file: string };

export interface FileDownloadOptions extends DownloadOptions {
  /**
   * Replace an existing file (atomically, once the download is complete and verified). Default true; with false an
   * existing file is refused with ERR_DESTINATION_EXISTS before anything is requested.
   */
  readonly overwrite?: boolean | undefined;
}

export interface VerifyCallOptions {
  readonly signal?: AbortSignal | undefined;
  /** Plaintext bytes compared so far (progress). */
  readonly onBytes?: ((n: number) => void) | undefined;
}

/**
 * @example
 * ```ts
 * import { createClient } from '@oss-cse/node';
 * import type { Keyring } from '@oss-cse/core';
 * declare const keyring: Keyring;
 * const client = createClient({ keyring, bucket: 'backups', region: 'cn-hangzhou', checkpointDir: '.oss-cse' });
 * await client.upload('db.tar', '/var/backups/db.tar', { onProgress: console.log });
 * await client.download('db.tar', '/restore/db.tar');
 * ```
 */
export class NodeClient extends TransferClient {
  constructor(options: NodeClientOptions) {
    super(options, nodeRuntime(options));
  }

  /** Encrypts `data` and stores it with one PutObject (held in memory; `upload` takes any size). */
  override async put(key: string, data: NodePutData, options: PutOptions = {}): Promise<PutResult> {
    if (data instanceof Readable)
      return super.put(key, Readable.toWeb(data) as unknown as ReadableStream<Uint8Array>, options);
    if (isFileRef(data)) return super.put(key, await readFile(data.file), options);
    return super.put(key, data, options);
  }

  /**
   * Uploads a file (path or `{ file }`, resumable with `checkpointDir`), a stream or bytes: one PutObject or parallel
   * parts.
   */
  override async upload(key: string, source: NodeUploadSource, options: UploadCallOptions = {}): Promise<UploadResult> {
    if (typeof source === 'string') return super.upload(key, await fileSource(source), options);
    if (isFileRef(source)) return super.upload(key, await fileSource(source.file), options);
    if (source instanceof Readable)
      return super.upload(key, Readable.toWeb(source) as unknown as ReadableStream<Uint8Array>, options);
    return super.upload(key, source as UploadSource, options);
  }

  /**
   * Downloads an object into a file (path) or any sink, with parallel verified ranges; a file is renamed into place
   * when complete.
   */
  override async download(
    key: string,
    destination: string | DownloadSink,
    options: FileDownloadOptions = {},
  ): Promise<DownloadResult> {
    if (typeof destination !== 'string') return super.download(key, destination, options);
    const overwrite = options.overwrite !== false;
    if (!overwrite) await assertDestinationFree(destination);
    const resumable = this.ctx.resume !== undefined && options.resume !== false;
    return super.download(key, fileSink(destination, { overwrite, resumable }), options);
  }

  /** Sources at or below this size go in one PutObject. */
  get multipartThreshold(): number {
    return this.ctx.defaults.multipartThreshold;
  }

  /** Uploads every file below `dir` to `prefix` + its relative path (see the README's Directories and buckets). */
  uploadDirectory(dir: string, prefix: string, options: DirectoryOptions = {}): Promise<BatchSummary> {
    return uploadDirectory(this, dir, prefix, options);
  }

  /** Downloads every object under `prefix` into `dir` (existing files are replaced only with `overwrite`). */
  downloadDirectory(prefix: string, dir: string, options: DirectoryOptions = {}): Promise<BatchSummary> {
    return downloadDirectory(this, prefix, dir, options);
  }

  /**
   * Transfers only what is new or changed, `up` (dir to prefix) or `down`; `delete` removes what the source no
   * longer has.
   */
  syncDirectory(
    direction: 'up' | 'down',
    dir: string,
    prefix: string,
    options: SyncOptions = {},
  ): Promise<BatchSummary> {
    return syncDirectory(this, direction, dir, prefix, options);
  }

  /**
   * Whether the object holds exactly `plaintext` (bytes, a Blob, a stream, a PartSource), without downloading it:
   * the plaintext is encrypted with the object's data key and IV and its CRC-64 compared with the server's (only
   * a HEAD is sent).
   */
  async verify(
    key: string,
    plaintext: UploadSource,
    options: VerifyCallOptions & { size?: number | undefined } = {},
  ): Promise<VerifyResult> {
    const threshold = this.ctx.defaults.multipartThreshold;
    const part = await toPartSource(this.ctx, plaintext, { size: options.size, threshold, signal: options.signal });
    try {
      return await verifyObject(this.ctx, key, part, options);
    } finally {
      await part.close?.();
    }
  }

  /** {@link verify} of a file. */
  async verifyFile(key: string, path: string, options: VerifyCallOptions = {}): Promise<VerifyResult> {
    return this.verify(key, await fileSource(path, { resumable: false }), options);
  }

  /**
   * Re-wraps every object under `prefix` for another master key (each object is re-sent once; those already under
   * the target key are skipped). Failures are listed in the summary; the job goes on.
   */
  rewrapPrefix(prefix: string, options: RewrapPrefixOptions & { job?: string | undefined }): Promise<BatchSummary> {
    return rewrapPrefix(this.ctx, prefix, options, options.job);
  }

  /** Every file below `dir` verified against `prefix` + its relative path; each non-match is a listed failure. */
  verifyDirectory(dir: string, prefix: string, options: DirectoryOptions = {}): Promise<BatchSummary> {
    return verifyDirectory(this, dir, prefix, options);
  }
}

/**
 * Creates a {@link NodeClient}.
 *
 * @example
 * ```ts
 * import { readFile } from 'node:fs/promises';
 * import { RsaMasterKey } from '@oss-cse/core';
 * import { createClient } from '@oss-cse/node';
 * const keyring = await RsaMasterKey.import({ privateKey: await readFile('key.pem', 'utf8') });
 * // credentials: the OSS_ACCESS_KEY_ID, OSS_ACCESS_KEY_SECRET and OSS_SESSION_TOKEN variables
 * const client = createClient({ keyring, bucket: 'backups', region: 'cn-hangzhou' });
 * await client.upload('db.tar', '/var/backups/db.tar');
 * ```
 */
export function createClient(options: NodeClientOptions): NodeClient {
  return new NodeClient(options);
}

/**
 * Node's adapter: the ali-oss transport, credentials from the environment, JSON resume records, spooling to a temporary
 * file.
 */
function nodeRuntime(options: NodeClientOptions): RuntimeAdapter {
  return {
    createTransport: (connection) => createAliOssTransport({ ...connection, maxSockets: options.maxSockets }),
    adoptAliOssClient: (ossClient, connection) => createAliOssTransport({ ...connection, ossClient }),
    createCipher: (keyring) =>
      inlineCipherRunner(options.nativeRsa === false ? keyring : opensslWrapKeyring(keyring), { sha256: nodeSha256 }),
    defaultCredentials: () => environmentCredentials(),
    resumeStore: options.checkpointDir === undefined ? undefined : jsonFileResumeStore(options.checkpointDir),
    spool: spoolToFile,
    ...(options.nativeRsa === false ? {} : { unwrapKeyring: opensslKeyring }),
  };
}

function isFileRef(v: unknown): v is { readonly file: string } {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as { file?: unknown }).file === 'string' &&
    !(v instanceof Uint8Array)
  );
}
