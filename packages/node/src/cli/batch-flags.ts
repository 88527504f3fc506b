// Flags every batch command shares (--include/--exclude in the order given, --jobs, --shard, --journal,
// --dry-run, --follow-symlinks) and what they become: the engine's filter and shard, and the job's journal file
// (default <checkpoint dir>/journals/<job id>.jsonl, the job id a SHA-256 of the command and its arguments).
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { isOssCseError } from '@oss-cse/core';
import { jobId, nameFilter, parseShard, type NameRule } from '@oss-cse/transfer';
import { fileJournal } from '../batch/file-journal.js';
import { UsageError } from './errors.js';
import { parseCount, type TransferFlags } from './options.js';

export interface BatchFlags extends TransferFlags {
  jobs?: string;
  shard?: string;
  journal?: string;
  dryRun?: boolean;
  followSymlinks?: boolean;
  /** Filled by the --include/--exclude parsers, in command-line order. */
  rules?: NameRule[];
}

export function addBatchOptions(
  cmd: Command,
  what: { filters?: boolean; dryRun?: boolean; walk?: boolean } = {},
): Command {
  if (what.walk) cmd.option('--follow-symlinks', 'follow symbolic links (default: links are left out)');
  if (what.filters !== false) {
    cmd
      .option('--include <pattern>', 'take file names matching this wildcard (repeatable; see README)')
      .option('--exclude <pattern>', 'leave out file names matching this wildcard (repeatable)');
    // Both flags append to one list (`rules`) as they are parsed, so their order on the command line is kept.
    for (const kind of ['include', 'exclude'] as const)
      cmd.on(`option:${kind}`, (pattern: string) =>
        cmd.setOptionValue('rules', [
          ...((cmd.getOptionValue('rules') as NameRule[] | undefined) ?? []),
          { kind, pattern },
        ]),
      );
  }
  if (what.dryRun !== false) cmd.option('--dry-run', 'print what would be done, do nothing');
  return cmd
    .option('--jobs <n>', 'objects in flight (default 8)')
    .option('--shard <i/n>', 'process only shard i of n (a hash of each object key; see README)')
    .option('--journal <file>', 'journal of finished objects (default: under the checkpoint dir, per job)');
}

/** The engine options from the batch flags. */
export function batchSettings(flags: BatchFlags) {
  try {
    return {
      jobs: flags.jobs === undefined ? undefined : checkJobs(parseCount(flags.jobs, '--jobs')),
      shard: flags.shard === undefined ? undefined : parseShard(flags.shard),
      filter: flags.rules && flags.rules.length > 0 ? nameFilter(flags.rules) : undefined,
      dryRun: flags.dryRun === true,
    };
  } catch (e) {
    if (isOssCseError(e) && e.code === 'ERR_INVALID_ARGUMENT') throw new UsageError(e.message);
    throw e;
  }
}

function checkJobs(n: number): number {
  if (n < 1 || n > 1024) throw new UsageError(`--jobs expected 1..1024, got ${n}`);
  return n;
}

/** The job id and its journal for a command and its canonical arguments. */
export async function batchJournal(flags: BatchFlags, description: readonly unknown[]) {
  const job = await jobId([...description, flags.rules ?? [], flags.shard ?? null]);
  const dir = flags.checkpointDir ?? join(homedir(), '.oss-cse', 'checkpoints');
  const path = flags.journal ?? join(dir, 'journals', `${job}.jsonl`);
  return { job, journal: fileJournal(path), path };
}
