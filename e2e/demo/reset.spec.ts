import { expect, test } from '@playwright/test';
import { decryptObject } from '../../packages/core/src/index.js';
import { PREFIX, pemKey, random, sha256, startDemoStack, writeFile, type DemoStack } from './demo-fixture.js';
import { openWithKey, stored, transfer } from './demo-page.js';

// A connection reset in the middle of an UploadPart body. Why a single reset goes unnoticed by the page: Chromium
// itself resends a request, up to twice (net's HttpNetworkTransaction, kMaxRetryAttempts = 2), when a reused
// keep-alive connection drops before any response header arrives; the XHR never fails and the client sees no
// retry. The emulator's reset counter still counts it. So the spec injects 2 x parts + 1 resets: the parts' XHRs
// can absorb at most 2 each, so at least one reset reaches the client, which resends that part's identical
// ciphertext after a backoff and reports it as a per-part retry event.

test.describe.configure({ mode: 'serial', timeout: 120_000 });

let stack: DemoStack;
const MiB = 1024 * 1024;
const PART = 8 * MiB;

test.beforeAll(async () => {
  stack = await startDemoStack();
});
test.afterAll(async () => {
  await stack?.close();
});

test('an UploadPart connection reset mid-body is retried and the upload ends byte-identical', async ({ page }) => {
  const key = await pemKey();
  const plain = random(3 * PART - 11);
  const parts = Math.ceil(plain.length / PART);
  const resets = 2 * parts + 1;
  const faults = stack.emulator.faults;
  await openWithKey(page, stack, key.pem);

  const before = faults.stats().reset;
  const rule = faults.resetConnection({
    operation: 'UploadPart',
    key: `${PREFIX}reset.bin`,
    afterBytes: 256 * 1024,
    count: resets,
  });
  await page.getByTestId('files').setInputFiles(writeFile('reset.bin', plain));
  await expect(transfer(page, 'reset.bin')).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  await page.screenshot({ path: test.info().outputPath('upload-retried-after-reset.png'), fullPage: true });

  // Every reset was spent on this upload's parts (the rule is gone once its count is used up).
  const stats = faults.stats();
  expect(stats.reset - before).toBe(resets);
  expect(stats.rules.some((r) => r.id === rule)).toBe(false);

  // The client saw at least one of them and retried that part.
  const row = transfer(page, 'reset.bin');
  expect(Number(await row.getAttribute('data-retries'))).toBeGreaterThanOrEqual(1);
  const retried = await row
    .getByTestId('retry')
    .evaluateAll((items) => items.map((li) => Number(li.getAttribute('data-part'))));
  expect(retried.length).toBeGreaterThanOrEqual(1);
  for (const n of retried) expect(n >= 1 && n <= parts).toBe(true);
  await expect(row.getByTestId('retry').first()).toContainText('network error');

  // No multipart upload left behind; the stored object decrypts to the original bytes.
  expect(((await stack.oss.listUploads({ prefix: `${PREFIX}reset.bin` })).uploads ?? []).length).toBe(0);
  const s = await stored(stack, 'reset.bin');
  expect(s.headers['x-oss-meta-client-side-encryption-part-size']).toBe(String(PART));
  expect(sha256(await decryptObject({ keyring: key.masterKey, headers: s.headers, ciphertext: s.body }))).toBe(
    sha256(plain),
  );
});
