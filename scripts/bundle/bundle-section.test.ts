// The Bundle size section of bench/RESULTS.md, rendered from fixed measurements: verdicts against the budget, the
// added bytes shared out by package, and the markers that let `npm run bench` replace it in place.
import { describe, expect, it } from 'vitest';
import { packageOf } from '../../bench/src/bundle-size.mjs';
import { renderBundleSection } from '../../bench/src/bundle-section.mjs';

const size = (min: number, gzip: number) => ({ min, gzip });
const ZERO = size(0, 0);
const base = {
  id: 'ali-oss',
  title: 'ali-oss alone',
  initial: size(600_000, 150_000),
  worker: ZERO,
  lazy: ZERO,
  rendered: { page: { 'ali-oss': 1_000_000, 'bundler runtime': 1_000 }, worker: {} },
};
const app = (id: string, addedGzip: number, budget: number) => ({
  id,
  title: `app ${id}`,
  over: 'ali-oss',
  budget,
  initial: size(700_000, 150_000 + addedGzip - 10_240),
  fetched: size(10_000, 4_096),
  worker: size(30_000, 10_240),
  lazy: size(400_000, 80_000),
  rendered: {
    page: { 'ali-oss': 1_000_000, 'bundler runtime': 1_000, '@oss-cse/core': 30_000, '@oss-cse/transfer': 20_000 },
    worker: { '@oss-cse/core': 10_000 },
  },
  added: size(130_000, addedGzip),
  withinBudget: addedGzip <= budget,
});

describe('renderBundleSection', () => {
  const text = renderBundleSection(
    [base, app('small', 30 * 1024, 40 * 1024), app('large', 60 * 1024, 40 * 1024)] as never,
    { date: '2026-12-02' },
  );

  it('is one marked section with a row per app and the verdict against the budget', () => {
    expect(text.startsWith('<!-- bundle-size:start -->\n## Bundle size')).toBe(true);
    expect(text.endsWith('<!-- bundle-size:end -->')).toBe(true);
    expect(text).toContain('| ali-oss alone | 585.9 KB / 146.5 KB | - | - | - | - |  |');
    expect(text).toContain(
      '| app small | 683.6 KB / 166.5 KB | 29.3 KB / 10.0 KB | 390.6 KB / 78.1 KB | 127.0 KB / 30.0 KB | ≤ 40.0 KB | met |',
    );
    expect(text).toContain(
      '| app large | 683.6 KB / 196.5 KB | 29.3 KB / 10.0 KB | 390.6 KB / 78.1 KB | 127.0 KB / 60.0 KB | ≤ 40.0 KB | **missed** (20.0 KB over) |',
    );
  });

  it('shares the added gzip bytes out by package, baseline packages left out', () => {
    // core 40,000 of 60,000 added rendered bytes, transfer 20,000: two thirds and one third of 60 KB.
    expect(text).toContain(
      '- **app large**: @oss-cse/core 40.0 KB, @oss-cse/transfer 20.0 KB (page 50.0 KB, of which 4.0 KB fetched by the ' +
        'first large upload, Worker 10.0 KB).',
    );
  });
});

describe('packageOf', () => {
  it('names workspace packages, dependencies (scoped, nested) and the bundler', () => {
    expect(packageOf('/work/main/packages/core/src/keys/import/der-reader.ts')).toBe('@oss-cse/core');
    expect(packageOf('/work/main/node_modules/.pnpm/hash-wasm@4.12.0/node_modules/hash-wasm/dist/index.esm.js')).toBe(
      'hash-wasm',
    );
    expect(packageOf('/x/node_modules/.pnpm/pkijs@4/node_modules/@noble/hashes/sha2.js')).toBe('@noble/hashes');
    expect(packageOf('\0vite/preload-helper.js')).toBe('bundler runtime');
    expect(packageOf('/work/main/bench/bundle/browser-pem.js')).toBe('the app itself');
  });
});
