// bench/RESULTS.md is generated from one run's record only (issue 17, item 12): no number typed in by hand, the
// "same chunks" AES figure reported as information, and the committed report re-renders from the run it names.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildFigures } from '../src/figures.mjs';
import { renderResults } from '../src/report.mjs';
import { RESULTS } from '../src/reliability-section.mjs';
import { RUNS_DIR } from '../src/runs.mjs';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
const fixture = JSON.parse(readFileSync(new URL('./fixtures/run.json', import.meta.url), 'utf8'));

/** Names that contain digits but are not figures. */
const NAMES = [/RSAES-PKCS1-v1_5/g, /PKCS#1 v1\.5/g, /CRC-64/g, /MD5/g];
const tokens = (text: string) => NAMES.reduce((t, re) => t.replace(re, ''), text).match(/\d+(?:\.\d+)?/g) ?? [];

function numericLeaves(v: Json, out: number[] = []): number[] {
  if (typeof v === 'number') out.push(v);
  else if (Array.isArray(v)) for (const x of v) numericLeaves(x, out);
  else if (v && typeof v === 'object') for (const x of Object.values(v)) numericLeaves(x, out);
  return out;
}

/** The ways the report may write a number of the record: as is, rounded, or bytes as KiB / MiB. */
function written(run: Json): Set<string> {
  const out = new Set<string>();
  // Tokens carry no sign: a negative number is written as its magnitude after a '-'.
  for (const n of numericLeaves(run).map(Math.abs)) {
    for (const s of [String(n), n.toFixed(0), n.toFixed(1), n.toFixed(2)]) out.add(s);
    for (const scaled of [n / 1024, n / (1024 * 1024)]) out.add(String(scaled));
  }
  return out;
}

/** The record with every number changed (monotonically, so comparisons between them keep their outcome). */
function perturbed(v: Json): Json {
  if (typeof v === 'number') return v * 1.37 + 0.0113;
  if (Array.isArray(v)) return v.map(perturbed);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, perturbed(x)]));
  return v;
}

describe('the report', () => {
  it('writes only numbers of the run record (figure labels included)', () => {
    const allowed = written(fixture);
    const strings = [fixture.machine, fixture.startedAt, fixture.id].flatMap(tokens);
    const unexplained = tokens(renderResults(fixture)).filter((t) => !allowed.has(t) && !strings.includes(t));
    expect(unexplained).toEqual([]);
  });

  it('has no number that stays the same when every number of the record changes', () => {
    const a = tokens(renderResults(fixture));
    const b = tokens(renderResults(perturbed(fixture)));
    expect(b.length).toBe(a.length);
    // What does not move comes from the record's strings (labels built in the run, the machine, the date).
    const strings = new Set(
      [
        fixture.machine,
        fixture.startedAt,
        fixture.id,
        ...fixture.figures.map((f: { label: string }) => f.label),
      ].flatMap(tokens),
    );
    const fixed = a.filter((t, i) => t === b[i] && !strings.has(t));
    expect(fixed).toEqual([]);
    // And the labels' numbers are numbers of the record too (sizes, chunkings, settings).
    const allowed = written(fixture);
    expect(
      fixture.figures.flatMap((f: { label: string }) => tokens(f.label)).filter((t: string) => !allowed.has(t)),
    ).toEqual([]);
  });

  it('scores the AES-CTR figures against pipelined raw subtle and reports the same-chunks baseline as information', () => {
    const figures = buildFigures(fixture.results);
    expect(figures).toEqual(fixture.figures);
    const same = figures.filter((f) => f.id.endsWith('.same-chunks'));
    expect(same.length).toBeGreaterThan(0);
    for (const f of same) expect([f.goal, f.met]).toEqual([null, null]);
    const scored = figures.filter((f) => /^aes\.[a-z]+\.(small|large)-chunks\.(en|de)crypt$/.test(f.id));
    expect(scored.length).toBe(8);
    for (const f of scored) {
      expect(f.goal).toEqual({ on: 'ratio', op: '>=', value: 0.9 });
      expect(f.label).toMatch(/vs raw subtle in 1 MiB calls, 2 MiB in flight\)$/);
    }
    for (const line of renderResults(fixture)
      .split('\n')
      .filter((l) => l.includes('the same 64 KiB chunks'))) {
      expect(line).toMatch(/\| information \| - \|$/);
    }
  });

  it("scores the lean-memory rows (fresh processes) against the issue's 100 MiB and 0.85 goals", () => {
    const side = (peakRssMiB: number, mibPerSec: number) => ({ peakRssMiB, mibPerSec });
    const nodeMemory = {
      sizeMiB: 1024,
      partSize: 8 * 1024 * 1024,
      concurrency: 2,
      runs: 2,
      baseline: { emptyRssMiB: 41, clientIdleRssMiB: 66 },
      results: {
        upload: { client: side(96, 90), cli: side(104, 85), plain: side(101, 100) },
        download: { client: side(99, 80), cli: side(100.5, 70), plain: side(170, 100) },
      },
    };
    const run = {
      ...fixture,
      config: { ...fixture.config, memoryRuns: 2 },
      results: { ...fixture.results, nodeMemory },
    };
    run.figures = buildFigures(run.results);
    const byId = Object.fromEntries(run.figures.map((f: { id: string }) => [f.id, f]));
    const met = (id: string) => [byId[id].ours.value, byId[id].goal.value, byId[id].met];
    expect(met('node.lean.client.upload.rss')).toEqual([96, 100, true]);
    expect(met('node.lean.cli.upload.rss')).toEqual([104, 100, false]);
    expect(met('node.lean.client.download.rss')).toEqual([99, 100, true]);
    expect(met('node.lean.cli.download.rss')).toEqual([100.5, 100, false]);
    expect([byId['node.lean.upload'].ratio, byId['node.lean.upload'].met]).toEqual([0.9, true]);
    expect([byId['node.lean.download'].ratio, byId['node.lean.download'].met]).toEqual([0.8, false]);
    expect(byId['node.lean.cli.download.rss'].label).toBe(
      'Node peak RSS (VmHWM), CLI `oss-cse get`, 1024 MiB, 8 MiB parts × 2, fresh process (vs ali-oss ranged GETs)',
    );
    // The floor under them is reported as information.
    expect([byId['node.lean.floor.rss'].ours.value, byId['node.lean.floor.rss'].baseline.value]).toEqual([66, 41]);
    expect([byId['node.lean.floor.rss'].goal, byId['node.lean.floor.rss'].met]).toEqual([null, null]);
    // The existing rows stay, and the report shows the new ones with the run's numbers only.
    expect(byId['node.upload.rss'].goal.value).toBe(300);
    const text = renderResults(run);
    expect(text).toContain('| Node peak RSS (VmHWM), @oss-cse/node client upload, 1024 MiB, 8 MiB parts × 2');
    const allowed = written(run);
    const strings = [run.machine, run.startedAt, run.id].flatMap(tokens);
    expect(tokens(text).filter((t) => !allowed.has(t) && !strings.includes(t))).toEqual([]);
  });

  it('committed bench/RESULTS.md is the report of the kept run it names', () => {
    const text = readFileSync(RESULTS, 'utf8');
    const name = /\(runs\/([^)]+\.json)\)/.exec(text)?.[1];
    expect(name).toBeDefined();
    const run = JSON.parse(readFileSync(`${RUNS_DIR}${name}`, 'utf8'));
    expect(text.slice(0, text.indexOf('<!-- reliability:start -->'))).toBe(`${renderResults(run)}\n`);
  });
});
