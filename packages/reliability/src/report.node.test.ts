// The Reliability section of bench/RESULTS.md (bench/src/reliability-section.mjs): its sentence is made from the
// results, and Chromium results of another run are refused, never merged with the Node ones.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CaseRecord, FuzzRecord } from './support/checks.js';

interface Renderer {
  renderReliabilitySection(file: string): string;
}
const RENDERER = new URL('../../../bench/src/reliability-section.mjs', import.meta.url).href;

let dir: string;
let render: (files: { node: object; browser?: object }) => Promise<string>;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'oss-cse-reliability-report-'));
  const { renderReliabilitySection } = (await import(RENDERER)) as Renderer;
  render = async ({ node, browser }) => {
    await rm(join(dir, 'reliability-browser.json'), { force: true });
    await writeFile(join(dir, 'reliability.json'), JSON.stringify(node));
    if (browser) await writeFile(join(dir, 'reliability-browser.json'), JSON.stringify(browser));
    return renderReliabilitySection(join(dir, 'reliability.json'));
  };
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const nodeCase: CaseRecord = {
  client: 'node',
  name: 'resets',
  faults: '3 connection resets',
  outcome: 'byte-identical',
  checks: ['CRC-64', 'decrypts'],
};
const cliCase: CaseRecord = {
  client: 'cli',
  name: 'killed',
  faults: 'none',
  outcome: 'resumed',
  checks: ['CRC-64', 'no pending upload'],
};
const browserCase: CaseRecord = {
  client: 'browser',
  name: 'slow part',
  faults: '1 delayed responses',
  outcome: 'byte-identical',
  checks: ['CRC-64', 'timeout retry event'],
};
const nodeFuzz: FuzzRecord = { name: 'node ranges', runs: 150, result: '80 valid, 70 invalid' };
const browserFuzz: FuzzRecord = { name: 'browser ranges', runs: 60, result: '30 valid, 30 invalid' };
const node = (run: string, cases: CaseRecord[] = [nodeCase, cliCase]) => ({
  run,
  updatedAt: '2026-01-02T03:04:05Z',
  cases: Object.fromEntries(cases.map((c) => [`${c.client}: ${c.name}`, c])),
  fuzz: { [nodeFuzz.name]: nodeFuzz },
});
const browser = (run: string | undefined) => ({
  run,
  updatedAt: '2026-01-02T03:05:00Z',
  cases: [browserCase],
  fuzz: [browserFuzz],
});

describe('reliability report', () => {
  it('merges the Chromium results of the same run and says what the results show', async () => {
    const section = await render({ node: node('run-a'), browser: browser('run-a') });
    expect(section).toContain(
      'run run-a at 2026-01-02T03:04:05Z: 3 of 3 fault scenarios passed (node 1 of 1, cli 1 of 1, browser 1 of 1). ',
    );
    expect(section).toContain(
      'Checks made by the passing scenarios (how many): CRC-64 (3), decrypts (1), no pending upload (1), timeout retry event (1). ',
    );
    expect(section).toContain('Bad input: 2 of 2 fast-check properties held over 210 inputs.');
    expect(section).toContain(
      '| browser | slow part | 1 delayed responses | byte-identical | CRC-64; timeout retry event |',
    );
    expect(section).toContain('| browser ranges | 60 | 30 valid, 30 invalid |');
    expect(section).not.toContain('another run');
  });

  it.each([
    ['run-b', 'run-b'],
    [undefined, 'no run id'],
  ])('refuses Chromium results of another run (%s)', async (run, shown) => {
    const section = await render({ node: node('run-a'), browser: browser(run) });
    expect(section).toContain(`come from another run (${shown}, not run-a) and are left out`);
    expect(section).toContain('2 of 2 fault scenarios passed (node 1 of 1, cli 1 of 1). ');
    expect(section).not.toContain('slow part');
    expect(section).not.toContain('browser ranges');
    expect(section).toContain('Bad input: 1 of 1 fast-check properties held over 150 inputs.');
  });

  it('names failed scenarios and properties, and counts only the checks of passing ones', async () => {
    const failed: CaseRecord = { client: 'node', name: 'clock skew', faults: '-', outcome: 'failed', checks: [] };
    const summary = {
      ...node('run-c', [nodeCase, failed]),
      fuzz: { x: { name: 'cli ranges', runs: 0, result: 'failed' } },
    };
    const section = await render({ node: summary });
    expect(section).toContain('1 of 2 fault scenarios passed (node 1 of 2); failed: node: clock skew. ');
    expect(section).toContain('Checks made by the passing scenarios (how many): CRC-64 (1), decrypts (1). ');
    expect(section).toContain('Bad input: 0 of 1 fast-check properties held over 0 inputs; failed: cli ranges.');
    expect(section).toContain('No Chromium results');
  });
});
