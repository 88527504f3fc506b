import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { decryptObject } from '../../packages/core/src/index.js';
import { ossClient } from '../../packages/emulator/test/support/clients.js';
import {
  BUCKET,
  PNG,
  PREFIX,
  pemKey,
  random,
  sha256,
  startDemoStack,
  writeFile,
  type DemoStack,
} from './demo-fixture.js';
import { downloadThroughPage, openWithKey, row, stored as storedObject, transfer, waitForParts } from './demo-page.js';

// The demo app in Debian Chromium against the emulator: encryption in the page, decryption in Node, resume after
// faults and reloads, STS expiry, cancel, and the user-facing error messages. Screenshots go to test-results/.
// CLI interop, KMS and connection resets have their own specs.

test.describe.configure({ mode: 'serial', timeout: 180_000 });

let stack: DemoStack;
let key: Awaited<ReturnType<typeof pemKey>>;
const MiB = 1024 * 1024;
const big = random(64 * MiB);
const bigPath = writeFile('big.bin', big);

test.beforeAll(async () => {
  stack = await startDemoStack();
  key = await pemKey();
});
test.afterAll(async () => {
  await stack?.close();
});

const open = (page: Page, pem = key.pem) => openWithKey(page, stack, pem);
const stored = (name: string) => storedObject(stack, name);

test('uploads several files (incl. 64 MiB) encrypted in the page; Node decrypts them; downloads, ranges and previews match', async ({
  page,
}) => {
  const small = new TextEncoder().encode('hello from the page\n'.repeat(500));
  const files = [writeFile('notes.txt', small), writeFile('photo.png', PNG), bigPath];
  await open(page);
  await page.getByTestId('files').setInputFiles(files);
  for (const name of ['notes.txt', 'photo.png', 'big.bin'])
    await expect(transfer(page, name)).toHaveAttribute('data-state', 'done', { timeout: 120_000 });
  await page.screenshot({ path: test.info().outputPath('uploads-done.png'), fullPage: true });

  for (const [name, plain] of [
    ['notes.txt', small],
    ['photo.png', PNG],
    ['big.bin', big],
  ] as const) {
    const s = await stored(name);
    expect(s.body.length).toBe(plain.length);
    expect(sha256(s.body)).not.toBe(sha256(plain));
    expect(s.headers['x-oss-meta-client-side-encryption-wrap-alg']).toBe('RSA/NONE/PKCS1Padding');
    expect(sha256(await decryptObject({ keyring: key.masterKey, headers: s.headers, ciphertext: s.body }))).toBe(
      sha256(plain),
    );
  }
  expect((await stored('big.bin')).headers['x-oss-meta-client-side-encryption-part-size']).toBe(String(8 * MiB));

  await page.getByTestId('refresh').click();
  await expect(row(page, 'big.bin').getByTestId('wrap-alg')).toHaveText('RSA/NONE/PKCS1Padding');
  expect(sha256(readFileSync(await downloadThroughPage(page, 'big.bin')))).toBe(sha256(big));

  await page.getByTestId('range-key').fill('big.bin');
  await page.getByTestId('range').fill('33554431-33555430');
  await page.getByTestId('read-range').click();
  await expect(page.getByTestId('range-out')).toHaveText(Buffer.from(big.subarray(33554431, 33555431)).toString('hex'));

  await row(page, 'photo.png').getByTestId('preview-btn').click();
  await expect(page.getByTestId('preview-img')).toBeVisible();
  expect(
    await page
      .getByTestId('preview-img')
      .evaluate((img: HTMLImageElement) => img.decode().then(() => img.naturalWidth)),
  ).toBe(2);
  await row(page, 'big.bin').getByTestId('stored-btn').click();
  await expect(page.getByTestId('stored')).toContainText('x-oss-meta-client-side-encryption-key');
  await page.screenshot({ path: test.info().outputPath('objects-preview-stored.png'), fullPage: true });
});

test('an upload interrupted by faults, then by a page reload, resumes byte-identical', async ({ page }) => {
  const file = random(64 * MiB);
  const path = writeFile('resume.bin', file);
  const faults = stack.emulator.faults;
  await open(page);
  // An outage of UploadPart: every part fails after its retries; the upload stays pending (resumable).
  const outage = faults.failNext({
    operation: 'UploadPart',
    status: 503,
    code: 'ServiceUnavailable',
    count: Number.POSITIVE_INFINITY,
  });
  await page.getByTestId('files').setInputFiles(path);
  await expect(transfer(page, 'resume.bin')).toHaveAttribute('data-state', 'failed', { timeout: 60_000 });
  faults.remove(outage);
  await page.screenshot({ path: test.info().outputPath('upload-failed.png'), fullPage: true });

  // Resume once more, and reload the page in the middle of it.
  const slower = faults.delay({ operation: 'UploadPart', delayMs: 3000, count: Number.POSITIVE_INFINITY });
  await page.getByTestId('files').setInputFiles(path);
  await waitForParts(page, 'resume.bin', 1);
  await page.reload();
  await open(page);
  await expect(page.locator(`[data-testid="pending-upload"][data-key="${PREFIX}resume.bin"]`)).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('pending-after-reload.png'), fullPage: true });
  faults.remove(slower);
  await page.getByTestId('files').setInputFiles(path);
  await expect(transfer(page, 'resume.bin')).toHaveAttribute('data-state', 'done', { timeout: 120_000 });
  expect(Number(await transfer(page, 'resume.bin').getAttribute('data-resumed-parts'))).toBeGreaterThanOrEqual(1);
  const s = await stored('resume.bin');
  expect(sha256(await decryptObject({ keyring: key.masterKey, headers: s.headers, ciphertext: s.body }))).toBe(
    sha256(file),
  );
});

test('STS expiry mid-upload recovers; cancel leaves no multipart upload behind', async ({ page }) => {
  const faults = stack.emulator.faults;
  const slow = faults.delay({ operation: 'UploadPart', delayMs: 300, count: Number.POSITIVE_INFINITY });
  await open(page);
  await page.getByTestId('files').setInputFiles(writeFile('sts.bin', random(40 * MiB)));
  await waitForParts(page, 'sts.bin', 1);
  const before = faults.stats().stsExpirations;
  await faults.expireStsTokens();
  expect(faults.stats().stsExpirations).toBe(before + 1);
  await expect(transfer(page, 'sts.bin')).toHaveAttribute('data-state', 'done', { timeout: 120_000 });

  faults.remove(slow);
  const slower = faults.delay({ operation: 'UploadPart', delayMs: 3000, count: Number.POSITIVE_INFINITY });
  await page.getByTestId('files').setInputFiles(writeFile('cancel.bin', random(64 * MiB)));
  await waitForParts(page, 'cancel.bin', 1);
  await transfer(page, 'cancel.bin').getByTestId('cancel').click();
  await expect(transfer(page, 'cancel.bin')).toHaveAttribute('data-state', 'cancelled');
  faults.remove(slower);
  await expect
    .poll(async () => ((await stack.oss.listUploads({ prefix: `${PREFIX}cancel.bin` })).uploads ?? []).length, {
      timeout: 20_000,
    })
    .toBe(0);
  await expect(page.locator(`[data-testid="pending-upload"][data-key="${PREFIX}cancel.bin"]`)).toHaveCount(0);
});

test('wrong key, a plaintext object and a bucket without CORS each show the right message', async ({ page }) => {
  const other = await pemKey();
  await open(page, other.pem);
  await row(page, 'notes.txt').getByTestId('download').click();
  await expect(page.getByTestId('message')).toHaveAttribute('data-kind', 'wrong-key');
  await expect(page.getByTestId('message')).toContainText('Wrong key');
  await page.screenshot({ path: test.info().outputPath('message-wrong-key.png'), fullPage: true });

  await stack.oss.put(`${PREFIX}plain.txt`, Buffer.from('not encrypted'));
  await page.getByTestId('refresh').click();
  await expect(row(page, 'plain.txt')).toHaveAttribute('data-encrypted', 'false');
  await row(page, 'plain.txt').getByTestId('download').click();
  await expect(page.getByTestId('message')).toHaveAttribute('data-kind', 'not-encrypted');
  await page.screenshot({ path: test.info().outputPath('message-not-encrypted.png'), fullPage: true });

  // The bucket is the backend's configuration (the page cannot pick another), so the demo bucket's CORS rule is
  // removed for this step, and restored after it.
  const { rules } = await stack.oss.getBucketCORS(BUCKET);
  await stack.oss.deleteBucketCORS(BUCKET);
  try {
    await open(page, key.pem);
    await page.getByTestId('files').setInputFiles(writeFile('blocked.txt', new TextEncoder().encode('blocked')));
    await expect(page.getByTestId('message')).toHaveAttribute('data-kind', 'cors', { timeout: 60_000 });
    await expect(page.getByTestId('message')).toContainText(`bucket "${BUCKET}"`);
    await page.getByTestId('check-cors').click();
    await expect(page.getByTestId('cors-report')).toHaveAttribute('data-ok', 'false');
    await expect(page.getByTestId('cors-report')).toContainText('no CORS rule for origin');
    await page.screenshot({ path: test.info().outputPath('message-cors.png'), fullPage: true });
  } finally {
    await stack.oss.putBucketCORS(BUCKET, rules);
  }
});

test("a second user, signed in another browser context, sees and reaches none of the first user's objects; signing out ends its session", async ({
  page,
  browser,
}) => {
  await open(page);
  await page.getByTestId('refresh').click();
  await expect(row(page, 'notes.txt')).toBeVisible();

  const context = await browser.newContext();
  try {
    const other = await context.newPage();
    await openWithKey(other, stack, key.pem, 'second-user');
    await other.getByTestId('files').setInputFiles(writeFile('theirs.txt', new TextEncoder().encode('second user')));
    await expect(other.locator('[data-testid="transfer"][data-key="users/second-user/theirs.txt"]')).toHaveAttribute(
      'data-state',
      'done',
      { timeout: 60_000 },
    );
    await other.getByTestId('refresh').click();
    await expect(other.locator('[data-testid="object"][data-key="users/second-user/theirs.txt"]')).toBeVisible();
    await expect(other.locator(`[data-testid="object"][data-key^="${PREFIX}"]`)).toHaveCount(0);
    await other.screenshot({ path: test.info().outputPath('second-user.png'), fullPage: true });

    // Its token (from its own session) cannot list or read the first user's objects either.
    const sts = await other.request.get(`${stack.url}api/sts?user=demo`);
    expect(sts.status()).toBe(200);
    const t = (await sts.json()) as { accessKeyId: string; accessKeySecret: string; securityToken: string };
    const theirs = ossClient(stack.emulator, {
      bucket: BUCKET,
      credentials: { accessKeyId: t.accessKeyId, accessKeySecret: t.accessKeySecret, stsToken: t.securityToken },
    });
    await expect(theirs.list({ prefix: PREFIX }, {})).rejects.toMatchObject({ code: 'AccessDenied' });
    await expect(theirs.get(`${PREFIX}notes.txt`)).rejects.toMatchObject({ code: 'AccessDenied' });

    // Signing out clears the session cookie: the form is back and the backend vends nothing more.
    await other.getByTestId('sign-out').click();
    await expect(other.getByTestId('sign-in')).toBeVisible({ timeout: 30_000 });
    expect((await other.request.get(`${stack.url}api/sts`)).status()).toBe(401);
  } finally {
    await context.close();
  }

  // And the first user does not see the second user's object.
  await page.getByTestId('refresh').click();
  await expect(row(page, 'notes.txt')).toBeVisible();
  await expect(page.locator('[data-testid="object"][data-key^="users/second-user/"]')).toHaveCount(0);
});

test('checkCors reports a complete rule on the demo bucket', async ({ page }) => {
  await open(page);
  await page.getByTestId('check-cors').click();
  await expect(page.getByTestId('cors-report')).toHaveAttribute('data-ok', 'true', { timeout: 30_000 });
});
