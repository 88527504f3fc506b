// The kept runs: every `npm run bench` writes its record (configuration, results, figures) to
// bench/runs/<id>.json, id being its start time in ISO 8601 basic format (`20261202T190533Z`); a `--quick` run
// is marked quick (in the record and its name) and never counts as a full run.
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const RUNS_DIR = fileURLToPath(new URL('../runs/', import.meta.url));

/** The id of a run started at `date`: ISO 8601 basic format, to the second. */
export const runId = (date) =>
  date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');

export const runFileName = (run) => `${run.id}${run.quick ? '-quick' : ''}.json`;

/** Writes `run` into `dir`; returns the file's path. */
export function writeRun(run, dir = RUNS_DIR) {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, runFileName(run));
  writeFileSync(file, `${JSON.stringify(run, null, 1)}\n`);
  return file;
}

/** Every run kept in `dir`, oldest first. */
export function loadRuns(dir = RUNS_DIR) {
  let names;
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.json'));
  } catch (e) {
    if (e.code === 'ENOENT') return [];
    throw e;
  }
  return names.map((n) => JSON.parse(readFileSync(join(dir, n), 'utf8'))).sort((a, b) => a.id.localeCompare(b.id));
}

/** The last `count` full (not quick) runs, oldest first. */
export const lastFullRuns = (runs, count = 3) => runs.filter((r) => !r.quick).slice(-count);
