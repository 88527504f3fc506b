// What every batch command does around its job: the engine settings from the flags, the job's journal, the
// progress line, per-item output, and the summary with its exit code.
import type { BatchItemEvent, BatchProgress, BatchSummary, JournalStore, NameFilter, Shard } from '@oss-cse/transfer';
import { batchJournal, batchSettings, type BatchFlags } from './batch-flags.js';
import { batchProgress, finishBatch, itemPrinter } from './batch-output.js';
import type { CommandContext } from './program.js';

/** The options every batch job of the client takes, as the flags give them. */
export interface BatchRunOptions {
  readonly jobs: number | undefined;
  readonly shard: Shard | undefined;
  readonly filter: NameFilter | undefined;
  readonly dryRun: boolean;
  readonly journal: JournalStore;
  readonly job: string;
  readonly signal: AbortSignal;
  readonly onProgress: ((p: BatchProgress) => void) | undefined;
  readonly onItem: (e: BatchItemEvent) => void;
}

/**
 * Runs `start` with the job's options and prints its outcome.
 * @param description the command and its canonical arguments: the same description finds the same journal
 */
export async function runBatchCommand(
  command: string,
  flags: BatchFlags,
  description: readonly unknown[],
  run: CommandContext,
  start: (options: BatchRunOptions) => Promise<BatchSummary>,
): Promise<void> {
  const settings = batchSettings(flags);
  const { job, journal, path } = await batchJournal(flags, [command, ...description]);
  const json = flags.json === true;
  const bar = batchProgress(command, flags.progress !== false && !json);
  const items = itemPrinter(json, bar.clear);
  try {
    const summary = await start({
      ...settings,
      journal,
      job,
      signal: run.signal,
      onProgress: bar.onProgress,
      onItem: items.onItem,
    });
    bar.clear();
    finishBatch(command, summary, {
      json,
      dryRun: settings.dryRun,
      planned: items.planned,
      journal: settings.dryRun ? undefined : path,
    });
  } finally {
    bar.clear();
  }
}
