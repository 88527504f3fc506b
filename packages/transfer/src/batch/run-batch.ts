// Runs one batch job (cp -r, sync, verify, rewrap of a prefix): the items of a streamed walk or listing, those of
// this shard, minus those the journal says are finished, processed with at most `jobs` in flight. A failed object
// is recorded with its typed code and the job goes on; an abort stops it (the journal stays for the next run).
// Memory: one item per job in flight, and the keys the journal recorded (only when a run is resumed).
import { abortedError, OssCseError } from '@oss-cse/core';
import { runBounded } from '../schedule/run-bounded.js';
import type { TransferOptions } from '../client/context.js';
import type { NameFilter } from './name-filter.js';
import type { ItemIo } from './per-object.js';
import type { JournalEntry, JournalState, JournalStore } from './journal.js';
import { inShard, type Shard } from './shard.js';

/** The progress of a whole job. Totals are null until the count (a second walk or listing) has finished. */
export interface BatchProgress {
  /** Items finished (including failed ones). */
  readonly filesDone: number;
  /** Items of the job, once counted. */
  readonly filesTotal: number | null;
  /** Plaintext bytes moved. */
  readonly bytesDone: number;
  /** Plaintext bytes of the job, once counted. */
  readonly bytesTotal: number | null;
  /** Bytes per second moved by this run. */
  readonly bytesPerSecond: number;
  /** Items that failed. */
  readonly failed: number;
}

/** An item that failed; the job went on. */
export interface BatchFailure {
  /** Its key (or relative path). */
  readonly key: string;
  /** The typed code: an OssCseError's, a system error's (ENOENT, EACCES…), else ERR_INTERNAL. */
  readonly code: string;
  /** The error message. */
  readonly message: string;
}

/**
 * What one item came to: a state to journal; with `planned`, what a dry run would do (counted, not journaled); or
 * `skip` (nothing to do, nothing recorded).
 */
export type ItemOutcome =
  { readonly state: JournalState; readonly size?: number; readonly etag?: string; readonly planned?: boolean } | 'skip';

/** What a batch job did. */
export interface BatchSummary {
  /** Items of this job (this shard), including those finished by an earlier run. */
  readonly files: number;
  /** Items per outcome in this run. */
  readonly counts: Readonly<Partial<Record<JournalState | 'skipped', number>>>;
  /** Items an earlier run finished (read from the journal, not processed again). */
  readonly fromJournal: number;
  /** Plaintext bytes moved by this run. */
  readonly bytes: number;
  /** The items that failed, with their codes. */
  readonly failures: readonly BatchFailure[];
  /** Wall time of this run in ms. */
  readonly durationMs: number;
}

/** One item finished (`planned` in a dry run), skipped or failed. */
export interface BatchItemEvent {
  /** Its key (or relative path). */
  readonly key: string;
  /** What happened. */
  readonly outcome: JournalState | 'skipped' | 'failed';
  /** True in a dry run: what would happen. */
  readonly planned?: boolean;
  /** For `failed`: why. */
  readonly error?: BatchFailure;
}

/** Options every batch verb takes. */
export interface BatchOptions extends Pick<TransferOptions, 'signal' | 'retry' | 'onRetry' | 'partSize'> {
  /** Objects (files) in flight (default 8). */
  readonly jobs?: number | undefined;
  /** Parts in flight per object (default: the client's). */
  readonly concurrency?: number | undefined;
  /** `--include` / `--exclude` on names. */
  readonly filter?: NameFilter | undefined;
  /** Only this shard of the keys. */
  readonly shard?: Shard | undefined;
  /** Where the job's journal is kept; without one an interrupted job starts over. */
  readonly journal?: JournalStore | undefined;
  /** Report what would be done, do nothing. */
  readonly dryRun?: boolean | undefined;
  /** Progress of the whole job (throttled). */
  readonly onProgress?: ((progress: BatchProgress) => void) | undefined;
  /** Each item finished, skipped or failed. */
  readonly onItem?: ((event: BatchItemEvent) => void) | undefined;
}

/** Options of {@link runBatch}. */
export interface RunBatchOptions<T> extends Pick<
  BatchOptions,
  'jobs' | 'shard' | 'journal' | 'onProgress' | 'onItem' | 'signal'
> {
  /** The job's items in order (a walk, a listing, a merge of both); called again to count them for the totals. */
  readonly items: () => AsyncIterable<T>;
  /** The key (or relative path) of an item: shards, journal and events use it. */
  readonly keyOf: (item: T) => string;
  /** Plaintext bytes of an item, for the totals. */
  readonly sizeOf: (item: T) => number;
  /** Processes one item; `onBytes` reports bytes moved as they move. */
  readonly process: (item: T, io: ItemIo) => Promise<ItemOutcome>;
  /** The job id the journal belongs to (see `jobId`). */
  readonly job?: string | undefined;
  /** Count the items concurrently (a second walk or listing) for totals and an ETA (default: with `onProgress`). */
  readonly count?: boolean | undefined;
}

const PROGRESS_INTERVAL_MS = 200;

/**
 * @example
 * ```ts
 * import { runBatch } from '@oss-cse/transfer';
 * declare function walk(dir: string): AsyncIterable<{ key: string; size: number }>;
 * const summary = await runBatch({
 *   items: () => walk('/data'),
 *   keyOf: (f) => f.key,
 *   sizeOf: (f) => f.size,
 *   process: async (f) => ({ state: 'uploaded', size: f.size }),
 *   jobs: 16,
 * });
 * ```
 */
export async function runBatch<T>(options: RunBatchOptions<T>): Promise<BatchSummary> {
  const started = Date.now();
  const { keyOf, sizeOf, shard, journal, signal } = options;
  const finished = new Set<string>();
  if (journal) {
    if (options.job === undefined) throw new TypeError('"job" is required with a journal');
    for (const entry of await journal.open(options.job)) finished.add(entry.key);
  }
  const ours = async function* (): AsyncGenerator<T> {
    for await (const item of options.items()) if (inShard(keyOf(item), shard)) yield item;
  };
  let filesTotal: number | null = null;
  let bytesTotal: number | null = null;
  let filesDone = 0;
  let bytesDone = 0;
  let movedBytes = 0;
  let files = 0;
  let fromJournal = 0;
  const counts: Partial<Record<JournalState | 'skipped', number>> = {};
  const failures: BatchFailure[] = [];
  let lastEmit = 0;
  const emit = (force = false) => {
    if (!options.onProgress) return;
    const now = Date.now();
    if (!force && now - lastEmit < PROGRESS_INTERVAL_MS) return;
    lastEmit = now;
    const seconds = Math.max(0.001, (now - started) / 1000);
    options.onProgress({
      filesDone,
      filesTotal,
      bytesDone,
      bytesTotal,
      bytesPerSecond: movedBytes / seconds,
      failed: failures.length,
    });
  };
  const counting = new AbortController();
  const stopCounting = () => counting.abort();
  signal?.addEventListener('abort', stopCounting, { once: true });
  const countTask =
    (options.count ?? options.onProgress !== undefined) === false
      ? Promise.resolve()
      : (async () => {
          let n = 0;
          let bytes = 0;
          for await (const item of ours()) {
            if (counting.signal.aborted) return;
            n++;
            bytes += sizeOf(item);
          }
          filesTotal = n;
          bytesTotal = bytes;
          emit(true);
        })().catch(() => undefined); // the count only informs the display; the job reports its own errors
  let completed = false;
  try {
    await runBounded(
      ours(),
      options.jobs ?? 8,
      async (item) => {
        const key = keyOf(item);
        const size = sizeOf(item);
        files++;
        if (finished.has(key)) {
          fromJournal++;
          filesDone++;
          bytesDone += size;
          emit();
          return;
        }
        let itemBytes = 0;
        try {
          const outcome = await options.process(item, {
            signal,
            onBytes(n) {
              itemBytes += n;
              bytesDone += n;
              movedBytes += n;
              emit();
            },
          });
          if (outcome === 'skip') {
            counts.skipped = (counts.skipped ?? 0) + 1;
            options.onItem?.({ key, outcome: 'skipped' });
          } else {
            const { planned, ...done } = outcome;
            if (!planned) await journal?.append({ key, ...done } satisfies JournalEntry);
            counts[outcome.state] = (counts[outcome.state] ?? 0) + 1;
            options.onItem?.({ key, outcome: outcome.state, ...(planned ? { planned } : {}) });
          }
        } catch (error) {
          if (signal?.aborted) throw abortedError(signal);
          const failure = describe(key, error);
          failures.push(failure);
          options.onItem?.({ key, outcome: 'failed', error: failure });
        }
        filesDone++;
        bytesDone += Math.max(0, size - itemBytes);
        emit();
      },
      signal,
    );
    completed = true;
  } finally {
    stopCounting();
    signal?.removeEventListener('abort', stopCounting);
    await countTask;
    await journal?.close(completed && failures.length === 0);
  }
  emit(true);
  return { files, counts, fromJournal, bytes: movedBytes, failures, durationMs: Date.now() - started };
}

/** A failure as reported: the typed code and the message (engine messages hold no secret). */
function describe(key: string, error: unknown): BatchFailure {
  if (error instanceof OssCseError) return { key, code: error.code, message: error.message };
  const code = (error as { code?: unknown } | null)?.code;
  return {
    key,
    code: typeof code === 'string' && /^[A-Z][A-Z0-9_]*$/.test(code) ? code : 'ERR_INTERNAL',
    message: error instanceof Error ? error.message : String(error),
  };
}
