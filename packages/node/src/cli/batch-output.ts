// Batch commands' output: one aggregated progress line on a TTY (files done/total, bytes, rate, ETA), each
// failure as `oss-cse: <CODE>: <key>: <message>` on stderr, dry-run plans on stdout, and the summary (a line on
// stderr, or JSON on stdout with --json). Exit code 1 when any object failed.
import type { BatchItemEvent, BatchProgress, BatchSummary } from '@oss-cse/transfer';
import { formatBytes } from './output.js';

/** A progress line redrawn in place on stderr (a TTY only, and not with --no-progress / --json). */
export function batchProgress(label: string, enabled: boolean) {
  const on = enabled && process.stderr.isTTY === true;
  let drawn = false;
  return {
    onProgress: on
      ? (p: BatchProgress) => {
          const files = `${p.filesDone}/${p.filesTotal ?? '?'} files`;
          const bytes = `${formatBytes(p.bytesDone)}/${p.bytesTotal === null ? '?' : formatBytes(p.bytesTotal)}`;
          const left = p.bytesTotal === null ? null : p.bytesTotal - p.bytesDone;
          const eta = left === null || p.bytesPerSecond <= 0 ? '?' : `${Math.ceil(left / p.bytesPerSecond)}s`;
          const failed = p.failed > 0 ? ` | ${p.failed} failed` : '';
          const line = `${label} ${files} | ${bytes} | ${formatBytes(p.bytesPerSecond)}/s | ETA ${eta}${failed}`;
          process.stderr.write(`\r\x1b[2K${line}`);
          drawn = true;
        }
      : undefined,
    /** Ends the progress line before other output. */
    clear() {
      if (drawn) process.stderr.write('\r\x1b[2K');
      drawn = false;
    },
  };
}

/** Per-item output: failures on stderr as they happen; plans of a dry run on stdout (or kept for --json). */
export function itemPrinter(json: boolean, clear: () => void) {
  const planned: { key: string; action: string }[] = [];
  return {
    planned,
    onItem(e: BatchItemEvent) {
      if (e.error) {
        clear();
        process.stderr.write(`oss-cse: ${e.error.code}: ${e.key}: ${oneLine(e.error.message)}\n`);
      } else if (e.planned) {
        if (json) planned.push({ key: e.key, action: e.outcome });
        else process.stdout.write(`would ${verb(e.outcome)} ${e.key}\n`);
      }
    },
  };
}

function verb(outcome: string): string {
  return outcome === 'uploaded'
    ? 'upload'
    : outcome === 'downloaded'
      ? 'download'
      : outcome === 'deleted'
        ? 'delete'
        : outcome === 'rewrapped'
          ? 'rewrap'
          : outcome;
}

/** Prints the summary and sets the exit code (1 when any object failed). */
export function finishBatch(
  command: string,
  summary: BatchSummary,
  options: { json: boolean; dryRun: boolean; planned: readonly unknown[]; journal: string | undefined },
): void {
  if (summary.failures.length > 0) process.exitCode = 1;
  if (options.json) {
    const out = {
      command,
      dryRun: options.dryRun,
      ...summary,
      ...(options.dryRun ? { planned: options.planned } : {}),
      journal: summary.failures.length > 0 ? (options.journal ?? null) : null,
    };
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    return;
  }
  const counts = Object.entries(summary.counts)
    .map(([k, v]) => `${v} ${k}`)
    .join(', ');
  const parts = [
    `${summary.files} objects`,
    counts || 'nothing to do',
    ...(summary.fromJournal > 0 ? [`${summary.fromJournal} done by an earlier run`] : []),
    formatBytes(summary.bytes),
    `${(summary.durationMs / 1000).toFixed(1)}s`,
    ...(summary.failures.length > 0 ? [`${summary.failures.length} FAILED`] : []),
  ];
  process.stderr.write(`${command}${options.dryRun ? ' (dry run)' : ''}: ${parts.join(', ')}\n`);
  if (summary.failures.length > 0 && options.journal)
    process.stderr.write(`oss-cse: the journal ${options.journal} lets the same command continue\n`);
}

function oneLine(s: string): string {
  return s.replace(/\s*\n\s*/g, ' ').trim();
}
