// What every verb needs: the transport, the keyring, the read policy and the transfer defaults.
import type { Keyring, MasterKey, ReadPolicy } from '@oss-cse/core';
import type { ObjectTransport } from '../transport/object-transport.js';
import type { RetryOptions } from '../transfer/retry.js';
import type { ProgressListener } from '../transfer/progress.js';

export interface TransferDefaults {
  /** Part size of multipart uploads and ranged downloads (multiple of 16, ≥ 100 KiB). */
  readonly partSize: number;
  /** Parts in flight at once. */
  readonly concurrency: number;
  /** Objects at or below this size go in one PutObject / GetObject. */
  readonly multipartThreshold: number;
  readonly retry: RetryOptions;
}

export interface ClientContext {
  readonly transport: ObjectTransport;
  readonly keyring: Keyring | MasterKey;
  readonly policy: ReadPolicy | undefined;
  readonly defaults: TransferDefaults;
}

/** Default part size: 8 MiB (see bench/src/node-transfer.mjs). */
export const DEFAULT_TRANSFER_PART_SIZE = 8 * 1024 * 1024;
export const DEFAULT_CONCURRENCY = 4;
/** Default threshold: one default part. */
export const DEFAULT_MULTIPART_THRESHOLD = DEFAULT_TRANSFER_PART_SIZE;

/** Options shared by the transfer verbs. */
export interface TransferOptions {
  readonly partSize?: number | undefined;
  readonly concurrency?: number | undefined;
  readonly signal?: AbortSignal | undefined;
  /** Called after each finished part with bytes and parts done out of the total. */
  readonly onProgress?: ProgressListener | undefined;
}

export function checkConcurrency(n: number): number {
  if (!Number.isSafeInteger(n) || n < 1 || n > 64) throw new RangeError(`"concurrency" expected an integer in 1..64, got ${String(n)}`);
  return n;
}
