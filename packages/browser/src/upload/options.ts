// Options and result of `client.upload`.
import type { RetryListener, RetryOptions } from '../transfer/retry.js';
import type { PartEvent, ProgressListener } from './progress.js';

export const DEFAULT_PART_SIZE = 8 * 1024 * 1024;
export const DEFAULT_CONCURRENCY = 4;

export interface UploadOptions {
  /** Stops in-flight requests and encryption. */
  readonly signal?: AbortSignal | undefined;
  /** Part size (multiple of 16, >= 100 KiB; default 8 MiB, grown to stay under 10,000 parts). */
  readonly partSize?: number | undefined;
  /** Files up to this size go in one PutObject (default: the part size). */
  readonly multipartThreshold?: number | undefined;
  /** Parts in flight at once (default 4). Memory is about part size x concurrency x 2. */
  readonly concurrency?: number | undefined;
  /**
   * Record the plaintext's MD5 and length (`unencrypted-content-md5` / `-length`) so every full read verifies
   * them (ERR_INTEGRITY). Default: true for a single PutObject; false for multipart, where it costs one extra
   * pass over the file before InitiateMultipartUpload. `false` on a single PutObject records the length only.
   */
  readonly computeMd5?: boolean | undefined;
  /** Resume a pending upload of the same file to the same key (default true). */
  readonly resume?: boolean | undefined;
  /**
   * On abort: `'discard'` (default) aborts the multipart upload on the server and forgets it; `'keep'` leaves it
   * resumable (pause).
   */
  readonly onAbort?: 'discard' | 'keep' | undefined;
  readonly onProgress?: ProgressListener | undefined;
  readonly onPart?: ((part: PartEvent) => void) | undefined;
  /** Before each retry of a request; UploadPart retries name their `partNumber`. */
  readonly onRetry?: RetryListener | undefined;
  readonly retry?: RetryOptions | undefined;
}

export interface UploadResult {
  readonly key: string;
  readonly etag: string;
  /** CRC-64 of the stored ciphertext (decimal), checked against the server's. */
  readonly crc64: string;
  readonly size: number;
  readonly multipart: boolean;
  readonly uploadId?: string | undefined;
  /** Parts found already uploaded (resumed from a previous session). */
  readonly resumedParts: number;
}
