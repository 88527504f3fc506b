// Renders test-results/reliability.json (written by packages/reliability during `npm test`) as the "Reliability"
// section of bench/RESULTS.md. Run alone (`node bench/src/reliability-section.mjs`) it rewrites that section in
// place; run-all.mjs calls renderReliabilitySection() when it writes the whole report.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const SUMMARY = fileURLToPath(new URL('../../test-results/reliability.json', import.meta.url));
export const RESULTS = fileURLToPath(new URL('../RESULTS.md', import.meta.url));
const START = '<!-- reliability:start -->';
const END = '<!-- reliability:end -->';

const cell = (s) => String(s).replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function renderReliabilitySection(file = SUMMARY) {
  const lines = [START, '## Reliability', ''];
  if (!existsSync(file)) {
    lines.push('No reliability summary yet: run `npm test` (it writes `test-results/reliability.json`), then `node bench/src/reliability-section.mjs`.', '', END);
    return lines.join('\n');
  }
  const summary = JSON.parse(readFileSync(file, 'utf8'));
  // The Chromium tests write their cases next to it (vitest browser commands cannot take the Node lock).
  const browserFile = file.replace(/reliability\.json$/, 'reliability-browser.json');
  const browserCases = existsSync(browserFile) ? JSON.parse(readFileSync(browserFile, 'utf8')).cases ?? [] : [];
  const cases = [...Object.values(summary.cases ?? {}), ...browserCases].sort((a, b) => `${a.client}${a.name}`.localeCompare(`${b.client}${b.name}`));
  const fuzz = Object.values(summary.fuzz ?? {});
  const passed = cases.filter((c) => c.outcome !== 'failed').length;
  lines.push(
    `From the reliability suite (\`packages/reliability\`, part of \`npm test\`), run ${summary.updatedAt ?? '?'}: ` +
      `${passed} of ${cases.length} fault scenarios ended with a byte-identical object (CRC-64 checked, decrypted) or a typed error; ` +
      'no half-written destination file, no multipart upload left after an abort (ListMultipartUploads), no plaintext data key ' +
      '(hex or base64) in checkpoints, IndexedDB records or captured output, no counter reused for different bytes.',
    '',
    '| client | scenario | faults injected (emulator counters) | outcome | checks |',
    '|---|---|---|---|---|',
  );
  for (const c of cases) {
    lines.push(`| ${cell(c.client)} | ${cell(c.name)} | ${cell(c.faults)} | ${cell(c.outcome)} | ${cell((c.checks ?? []).join('; '))} |`);
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
  const section = renderReliabilitySection();
  const text = existsSync(results) ? readFileSync(results, 'utf8') : '# oss-cse benchmark results\n';
  const a = text.indexOf(START);
  const b = text.indexOf(END);
  const next = a >= 0 && b > a ? text.slice(0, a) + section + text.slice(b + END.length) : `${text.trimEnd()}\n\n${section}\n`;
  writeFileSync(results, next);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) writeReliabilitySection();
