// Writes the reliability summary (test-results/reliability.json) that bench/src/reliability-section.mjs renders
// into bench/RESULTS.md. Test files run in parallel workers, so each write is a locked read-merge-write.
import { mkdir, readFile, rename, rmdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CaseRecord } from './checks.js';

export const SUMMARY_FILE = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../test-results/reliability.json');

export interface FuzzRecord {
  readonly name: string;
  readonly runs: number;
  readonly result: string;
}

interface Summary {
  /** The vitest process of the run (parent of its workers): a new run starts a new summary. */
  run?: number;
  updatedAt: string;
  cases: Record<string, CaseRecord>;
  fuzz: Record<string, FuzzRecord>;
}

async function locked<T>(fn: () => Promise<T>): Promise<T> {
  const lock = `${SUMMARY_FILE}.lock`;
  await mkdir(dirname(SUMMARY_FILE), { recursive: true });
  for (let i = 0; ; i++) {
    try {
      await mkdir(lock);
      break;
    } catch {
      // A writer killed mid-way leaves the lock: the write itself takes milliseconds, so take over after 5 s.
      if (i > 250) await rmdir(lock).catch(() => undefined);
      await new Promise((r) => setTimeout(r, 20));
    }
  }
  try {
    return await fn();
  } finally {
    await rmdir(lock).catch(() => undefined);
  }
}

async function update(change: (s: Summary) => void): Promise<void> {
  await locked(async () => {
    let s: Summary = { updatedAt: '', cases: {}, fuzz: {} };
    try {
      s = JSON.parse(await readFile(SUMMARY_FILE, 'utf8')) as Summary;
    } catch {
      // first writer of this run
    }
    if (s.run !== process.ppid) s = { run: process.ppid, updatedAt: '', cases: {}, fuzz: {} };
    change(s);
    s.updatedAt = new Date().toISOString();
    const tmp = join(dirname(SUMMARY_FILE), `.reliability-${process.pid}.json`);
    await writeFile(tmp, `${JSON.stringify(s, null, 2)}\n`);
    await rename(tmp, SUMMARY_FILE);
  });
}

export function recordCase(c: CaseRecord): Promise<void> {
  return update((s) => { s.cases[`${c.client}: ${c.name}`] = c; });
}

export function recordFuzz(f: FuzzRecord): Promise<void> {
  return update((s) => { s.fuzz[f.name] = f; });
}
