// Writes the reliability summary (test-results/reliability.json, from the Node tests) and the Chromium results
// (test-results/reliability-browser.json, through a browser command) that bench/src/reliability-section.mjs
// renders into bench/RESULTS.md. Both carry the id of the run that wrote them, so results of different runs are
// never merged. Node test files run in parallel workers, so each write is a locked read-merge-write.
import { mkdir, readFile, rename, rmdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CaseRecord, FuzzRecord } from './checks.js';

export const SUMMARY_FILE = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '../../../../test-results/reliability.json',
);
export const BROWSER_FILE = join(dirname(SUMMARY_FILE), 'reliability-browser.json');

/**
 * The run results belong to: `npm test` names one for all its tiers (OSS_CSE_TEST_RUN); a bare vitest run is
 * named after its main process, which its Node workers see as their parent and its browser commands as themselves.
 */
export function runId(vitestPid: number): string {
  return process.env['OSS_CSE_TEST_RUN'] || `vitest-${vitestPid}`;
}

interface Summary {
  /** The run (runId): a new run starts a new summary. */
  run?: string;
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
    const run = runId(process.ppid);
    if (s.run !== run) s = { run, updatedAt: '', cases: {}, fuzz: {} };
    change(s);
    s.updatedAt = new Date().toISOString();
    const tmp = join(dirname(SUMMARY_FILE), `.reliability-${process.pid}.json`);
    await writeFile(tmp, `${JSON.stringify(s, null, 2)}\n`);
    await rename(tmp, SUMMARY_FILE);
  });
}

export function recordCase(c: CaseRecord): Promise<void> {
  return update((s) => {
    s.cases[`${c.client}: ${c.name}`] = c;
  });
}

export function recordFuzz(f: FuzzRecord): Promise<void> {
  return update((s) => {
    s.fuzz[f.name] = f;
  });
}

export interface BrowserResults {
  readonly cases: readonly CaseRecord[];
  readonly fuzz: readonly FuzzRecord[];
}

/** Writes the Chromium results (from a browser command, in the vitest main process). */
export async function writeBrowserResults(results: BrowserResults): Promise<void> {
  await mkdir(dirname(BROWSER_FILE), { recursive: true });
  const tmp = join(dirname(BROWSER_FILE), `.reliability-browser-${process.pid}.json`);
  await writeFile(
    tmp,
    `${JSON.stringify({ run: runId(process.pid), updatedAt: new Date().toISOString(), ...results }, null, 2)}\n`,
  );
  await rename(tmp, BROWSER_FILE);
}
