// The README's benchmark table, computed from the kept runs (bench/runs/): for the last three full runs, each
// scored figure's range (and how many runs missed its goal) and the RSA unwrap ratio, labelled as the newest of
// those runs labels them. Run alone (`node bench/src/readme-table.mjs`) it rewrites the table between the
// README's markers; run-all.mjs calls it after writing a run.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { goalText, scoredText, scoredValue } from './format.mjs';
import { lastFullRuns, loadRuns, runFileName } from './runs.mjs';

export const README = fileURLToPath(new URL('../../README.md', import.meta.url));
export const START = '<!-- bench-table:start -->';
export const END = '<!-- bench-table:end -->';
/** Figures reported as information that the README shows as well. */
const INFORMATION = ['rsa.unwrap'];
export const RUNS_IN_TABLE = 3;

/** `lo–hi` (one value when they are equal when written), with the unit once. */
function range(f, values) {
  const [lo, hi] = [Math.min(...values), Math.max(...values)].map((v) => scoredText(f, v));
  if (lo === hi) return lo;
  const unit = f.goal?.on === 'ours' ? ` ${f.ours.unit}` : '';
  return `${lo.replace(unit, '')}–${hi}`;
}

/** The block between the markers for `runs` (all kept runs; the last full ones are used). */
export function renderReadmeTable(runs) {
  const used = lastFullRuns(runs, RUNS_IN_TABLE);
  if (used.length === 0) {
    return 'No full run is kept in `bench/runs/` yet: `npm run bench` (without `--quick`) keeps one and writes this table from the last three.';
  }
  const newest = used.at(-1);
  const shown = newest.figures.filter((f) => f.goal || INFORMATION.includes(f.id));
  const rows = shown.map((f) => {
    const found = used.map((run) => run.figures.find((g) => g.id === f.id)).filter(Boolean);
    const missed = found.filter((g) => g.met === false).length;
    const verdict = f.goal
      ? missed
        ? `missed in ${missed} of ${found.length}`
        : `met in ${found.length} of ${found.length}`
      : '-';
    return `| ${f.label.replace(/\|/g, '\\|')} | ${range(f, found.map(scoredValue))} | ${goalText(f.goal)} | ${verdict} |`;
  });
  return [
    `Ratios (or our own value, where the goal is on it) over the last ${used.length} full runs kept in \`bench/runs/\`:`,
    used.map((run) => `[${run.id}](bench/runs/${runFileName(run)})`).join(', '),
    `(computed by \`node bench/src/readme-table.mjs\`; labels from ${newest.id}).`,
    '',
    '| figure | range | goal | |',
    '| --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}

/** Rewrites the README's table from the runs kept in `runsDir`. */
export function writeReadmeTable({ readme = README, runs = loadRuns() } = {}) {
  const text = readFileSync(readme, 'utf8');
  const a = text.indexOf(START);
  const b = text.indexOf(END);
  if (a < 0 || b < a) throw new Error(`${readme} has no ${START} … ${END} block`);
  writeFileSync(readme, `${text.slice(0, a + START.length)}\n${renderReadmeTable(runs)}\n${text.slice(b)}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeReadmeTable();
  console.log(`wrote the benchmark table of ${README}`);
}
