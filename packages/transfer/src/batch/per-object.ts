// The options a batch hands each object's transfer: the job's part size, parts in flight and retries, the item's
// signal, and its progress turned into the byte deltas the job's progress adds up.
import type { TransferProgress } from '../progress/progress.js';
import type { BatchOptions } from './run-batch.js';

/** What `runBatch` gives each item's `process`. */
export interface ItemIo {
  /** The job's signal. */
  readonly signal: AbortSignal | undefined;
  /** Reports `n` more bytes moved. */
  onBytes(n: number): void;
}

/**
 * @example
 * ```ts
 * import { perObjectOptions, type ItemIo, type TransferClient } from '@oss-cse/transfer';
 * declare const client: TransferClient, io: ItemIo;
 * const options = perObjectOptions({ partSize: 8 * 1024 * 1024 }, io); // the job's settings, the item's signal
 * await client.upload('a.bin', 'hello', { ...options, computeMd5: true });
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
