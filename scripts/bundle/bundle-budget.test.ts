// The bundle budget (npm test): what oss-cse adds to ali-oss on a page that uploads and downloads with a PEM RSA key
// must stay within 40 KB gzip, with a KMS key within 50 KB. Each app of bench/bundle/ is built by Vite alone
// (bench/src/bundle-size.mjs, which `npm run bench` also reports in bench/RESULTS.md).
import { beforeAll, describe, expect, it } from 'vitest';
import { APPS, kb, measureBundles } from '../../bench/src/bundle-size.mjs';

type Measured = Awaited<ReturnType<typeof measureBundles>>[number];
let results: Measured[];

beforeAll(async () => {
  results = await measureBundles();
}, 300_000);

const budgeted = APPS.filter((app) => app.budget !== undefined);

describe('bundle budget (gzip bytes oss-cse adds over ali-oss)', () => {
  it.each(budgeted.map((app) => [app.id, app]))('%s', (id) => {
    const m = results.find((r) => r.id === id)!;
    expect(m.added, `${m.title}: no baseline measured`).toBeDefined();
    const summary = `${m.title}: ${kb(m.added!.gzip)} gzip added over ${m.over} (page ${kb(m.initial.gzip)}, worker ${kb(m.worker.gzip)})`;
    expect(m.added!.gzip, `${summary}; budget ${kb(m.budget!)}`).toBeLessThanOrEqual(m.budget!);
  });

  it('pages that import plain keys load asn1js/pkijs only on demand', () => {
    for (const m of results) expect(m.modules.filter((name) => /node_modules\/(asn1js|pkijs)\//.test(name)), m.id).toEqual([]);
  });
});
