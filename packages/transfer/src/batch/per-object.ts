// The options a batch hands each object's transfer: the job's part size, parts in flight and retries, the item's
// signal, and its progress turned into the byte deltas the job's progress adds up.
import type { TransferProgress } from '../progress/progress.js';
import type { BatchOptions } from './run-batch.js';

/** What `runBatch` gives each item's `process`. */
export interface ItemIo {
  readonly signal: AbortSignal | undefined;
  onBytes(n: number): void;
}

/**
 * @example
 * ```ts
 * await client.upload(key, path, { ...perObjectOptions(options, io), computeMd5: true });
 * ```
 */
export function perObjectOptions(options: Pick<BatchOptions, 'partSize' | 'concurrency' | 'retry'>, io: ItemIo) {
  let reported = 0;
  return {
    partSize: options.partSize,
    concurrency: options.concurrency,
    retry: options.retry,
    signal: io.signal,
    onProgress: (p: TransferProgress) => {
      io.onBytes(p.bytesDone - reported);
      reported = p.bytesDone;
    },
  };
}
