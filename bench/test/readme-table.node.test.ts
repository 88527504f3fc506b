// The README's benchmark table is computed from the kept runs (issue 17, item 12): the last three full runs,
// never a quick one, and the committed README holds exactly what the script computes.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { README, START, END, renderReadmeTable } from '../src/readme-table.mjs';
import { loadRuns } from '../src/runs.mjs';

const fixture = JSON.parse(readFileSync(new URL('./fixtures/run.json', import.meta.url), 'utf8'));

/** A run like the fixture, with its own id, quick flag and node.upload / node.upload.rss figures. */
function runOf(id: string, { quick = false, ratio = 1, rss = 100 }: { quick?: boolean; ratio?: number; rss?: number }) {
  const run = structuredClone(fixture);
  Object.assign(run, { id, quick });
  const up = run.figures.find((f: { id: string }) => f.id === 'node.upload');
  Object.assign(up, { ratio, met: ratio >= 0.85 });
  const mem = run.figures.find((f: { id: string }) => f.id === 'node.upload.rss');
  Object.assign(mem, { ours: { value: rss, unit: 'MiB' }, met: rss <= 300 });
  return run;
}

const row = (table: string, label: string) => table.split('\n').find((l) => l.startsWith(`| ${label} |`));

describe('the README benchmark table', () => {
  it('spans the last three full runs, never a quick one, and counts the runs that missed each goal', () => {
    const runs = [
      runOf('20260101T000000Z', { ratio: 0.2, rss: 900 }),
      runOf('20260102T000000Z', { ratio: 0.8, rss: 231.4 }),
      runOf('20260103T000000Z', { ratio: 0.912, rss: 235.6 }),
      runOf('20260104T000000Z', { ratio: 0.876, rss: 233 }),
      runOf('20260105T000000Z', { quick: true, ratio: 7, rss: 1 }),
    ];
    const table = renderReadmeTable(runs);
    const upload = fixture.figures.find((f: { id: string }) => f.id === 'node.upload');
    expect(row(table, upload.label)).toBe(`| ${upload.label} | 0.80–0.91 | ≥ 0.85 | missed in 1 of 3 |`);
    expect(row(table, 'Node peak RSS, encrypted upload')).toBe(
      '| Node peak RSS, encrypted upload | 231–236 MiB | ≤ 300 MiB | met in 3 of 3 |',
    );
    expect(table).toContain(
      '[20260102T000000Z](bench/runs/20260102T000000Z.json), [20260103T000000Z](bench/runs/20260103T000000Z.json), [20260104T000000Z](bench/runs/20260104T000000Z.json)',
    );
    expect(table).not.toContain('20260101T000000Z');
    expect(table).not.toContain('20260105T000000Z');
    // Information figures stay out, except the RSA unwrap ratio.
    expect(table).not.toContain('same 64 KiB chunks');
    expect(table).toMatch(/\| RSA-\d+ PKCS#1 v1\.5 unwrap .* \| information \| - \|/);
  });

  it('says so when no full run is kept', () => {
    expect(renderReadmeTable([runOf('20260105T000000Z', { quick: true })])).toMatch(
      /^No full run is kept in `bench\/runs\/` yet/,
    );
  });

  it('committed README.md holds what the script computes from bench/runs', () => {
    const text = readFileSync(README, 'utf8');
    const block = text.slice(text.indexOf(START) + START.length, text.indexOf(END));
    expect(text.indexOf(START)).toBeGreaterThan(0);
    expect(block).toBe(`\n${renderReadmeTable(loadRuns())}\n`);
  });
});
