// Bundle size in npm test. The budget (40 KB gzip added over ali-oss with a PEM RSA key, 50 KB with KMS) is not met
// yet: `npm run bench` reports it in bench/RESULTS.md and exits 1 while it is missed. Here, a ratchet: the bytes added
// may only go down from what was measured when the budget check was introduced (PEM 57.5 KB, KMS 50.9 KB), so no
// change makes the gap wider; lower RATCHET as the bytes come down, until it meets the budget. Each app of
// bench/bundle/
// is built by Vite alone (bench/src/bundle-size.mjs).
import { beforeAll, describe, expect, it } from 'vitest';
import { APPS, kb, measureBundles } from '../../bench/src/bundle-size.mjs';

type Measured = Awaited<ReturnType<typeof measureBundles>>[number];
let results: Measured[];

beforeAll(async () => {
  results = await measureBundles();
}, 300_000);

const budgeted = APPS.filter((app) => app.budget !== undefined);
/**
 * Gzip bytes added over ali-oss that may not be exceeded (measured 2026-12-03 after the lazy-loading work met the
 * materials cache, share links and bring-your-own ali-oss client: PEM 54.0 KB, KMS 47.8 KB; then +0.3 KB for the
 * JavaScript fallback when no WebAssembly instance can be created, and +0.2 KB for ERR_FILE_UNREADABLE on a Blob
 * the browser cannot read; rounded up to 0.5 KB).
 */
const RATCHET: Record<string, number> = { 'browser-pem': 55 * 1024, 'browser-kms': 48.5 * 1024 };

describe('bundle size (gzip bytes oss-cse adds over ali-oss): never above the ratchet, on the way to the budget', () => {
  it.each(budgeted.map((app) => [app.id, app]))('%s', (id) => {
    const m = results.find((r) => r.id === id)!;
    expect(m.added, `${m.title}: no baseline measured`).toBeDefined();
    const summary = `${m.title}: ${kb(m.added!.gzip)} gzip added over ${m.over} (page ${kb(m.initial.gzip)}, worker ${kb(m.worker.gzip)})`;
    expect(RATCHET[id], `${id} has a ratchet`).toBeDefined();
    expect(m.added!.gzip, `${summary}; ratchet ${kb(RATCHET[id]!)} (budget ${kb(m.budget!)})`).toBeLessThanOrEqual(
      RATCHET[id]!,
    );
  });

  it('pages that import plain keys load asn1js/pkijs only on demand', () => {
    for (const m of results)
      expect(
        m.modules.filter((name) => /node_modules\/(asn1js|pkijs)\//.test(name)),
        m.id,
      ).toEqual([]);
  });
});
