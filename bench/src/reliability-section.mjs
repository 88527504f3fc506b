// Renders test-results/reliability.json (written by the Node tests of packages/reliability during `npm test`)
// and test-results/reliability-browser.json (written by its Chromium tests) as the "Reliability" section of
// bench/RESULTS.md. Both files carry the id of the run that wrote them: Chromium results of another run are
// refused, never merged. The summary sentence is made from the results. Run alone
// (`node bench/src/reliability-section.mjs`) it rewrites that section in place; run-all.mjs calls
// renderReliabilitySection() when it writes the whole report.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { writeSection } from './results-section.mjs';

export const SUMMARY = fileURLToPath(new URL('../../test-results/reliability.json', import.meta.url));
export const RESULTS = fileURLToPath(new URL('../RESULTS.md', import.meta.url));
const START = '<!-- reliability:start -->';
const END = '<!-- reliability:end -->';

const cell = (s) => String(s).replace(/\|/g, '\\|').replace(/\n/g, ' ');
const CLIENTS = ['node', 'cli', 'browser'];

/**
 * The section's opening sentence, from the results: scenarios passed per client (and which failed), the checks
 * the passing scenarios made and how often, and the fast-check properties that held.
 */
export function summarySentence({ run, updatedAt, cases, fuzz }) {
  const failed = cases.filter((c) => c.outcome === 'failed');
  const perClient = CLIENTS.map((client) => {
    const mine = cases.filter((c) => c.client === client);
    return mine.length ? `${client} ${mine.filter((c) => c.outcome !== 'failed').length} of ${mine.length}` : null;
  }).filter(Boolean);
  const checks = new Map();
  for (const c of cases)
    if (c.outcome !== 'failed') for (const check of c.checks ?? []) checks.set(check, (checks.get(check) ?? 0) + 1);
  const checkList = [...checks]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([check, n]) => `${check} (${n})`);
  const fuzzFailed = fuzz.filter((f) => f.result === 'failed');
  const inputs = fuzz.reduce((n, f) => n + (Number(f.runs) || 0), 0);
  return [
    `From the reliability suite (\`packages/reliability\`, part of \`npm test\`), run ${run ?? '?'} at ${updatedAt ?? '?'}: `,
    `${cases.length - failed.length} of ${cases.length} fault scenarios passed (${perClient.join(', ') || 'none run'})`,
    failed.length ? `; failed: ${failed.map((c) => `${c.client}: ${c.name}`).join('; ')}. ` : '. ',
    checkList.length
      ? `Checks made by the passing scenarios (how many): ${checkList.join(', ')}. `
      : 'No passing scenario made a check. ',
    `Bad input: ${fuzz.length - fuzzFailed.length} of ${fuzz.length} fast-check properties held over ${inputs} inputs`,
    fuzzFailed.length ? `; failed: ${fuzzFailed.map((f) => f.name).join('; ')}.` : '.',
  ].join('');
}

export function renderReliabilitySection(file = SUMMARY) {
  const lines = [START, '## Reliability', ''];
  if (!existsSync(file)) {
    lines.push(
      'No reliability summary yet: run `npm test` (it writes `test-results/reliability.json`), then `node bench/src/reliability-section.mjs`.',
      '',
      END,
    );
    return lines.join('\n');
  }
  const summary = JSON.parse(readFileSync(file, 'utf8'));
  // The Chromium tests write theirs next to it (through a browser command), with their run id.
  const browserFile = file.replace(/reliability\.json$/, 'reliability-browser.json');
  const browser = existsSync(browserFile) ? JSON.parse(readFileSync(browserFile, 'utf8')) : null;
  const merged = browser !== null && browser.run !== undefined && browser.run === summary.run;
  const cases = [...Object.values(summary.cases ?? {}), ...(merged ? (browser.cases ?? []) : [])].sort((a, b) =>
    `${a.client}${a.name}`.localeCompare(`${b.client}${b.name}`),
  );
  const fuzz = [...Object.values(summary.fuzz ?? {}), ...(merged ? (browser.fuzz ?? []) : [])];
  lines.push(summarySentence({ run: summary.run, updatedAt: summary.updatedAt, cases, fuzz }));
  if (!browser) {
    lines.push('', 'No Chromium results (`test-results/reliability-browser.json`) for this run.');
  } else if (!merged) {
    lines.push(
      '',
      `The Chromium results in \`test-results/reliability-browser.json\` come from another run (${browser.run ?? 'no run id'}, not ${summary.run ?? '?'}) and are left out: run \`npm test\` for one report of every client.`,
    );
  }
  lines.push(
    '',
    '| client | scenario | faults injected (emulator counters) | outcome | checks |',
    '|---|---|---|---|---|',
  );
  for (const c of cases) {
    lines.push(
      `| ${cell(c.client)} | ${cell(c.name)} | ${cell(c.faults)} | ${cell(c.outcome)} | ${cell((c.checks ?? []).join('; '))} |`,
    );
  }
  if (fuzz.length) {
    lines.push('', '| bad input (fast-check) | inputs tried | result |', '|---|---|---|');
    for (const f of fuzz) lines.push(`| ${cell(f.name)} | ${f.runs} | ${cell(f.result)} |`);
  }
  lines.push('', END);
  return lines.join('\n');
}

/** Replaces (or appends) the section in RESULTS.md. */
export function writeReliabilitySection(results = RESULTS) {
  writeSection({ file: results, start: START, end: END, section: renderReliabilitySection() });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) writeReliabilitySection();
