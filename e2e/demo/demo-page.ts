// Page-side helpers shared by the demo specs: open the app signed in (through the page's sign-in form) with a
// key, find a transfer row or an object row, wait for parts, read what the emulator stores.
import { expect, type Page } from '@playwright/test';
import { PREFIX, USER, type DemoStack } from './demo-fixture.js';

/**
 * Opens the demo signed in as `user`: a context without a session gets the page's sign-in form, which is filled
 * in and submitted. Waits until the app has loaded that user's configuration.
 */
export async function openDemo(page: Page, stack: DemoStack, user = USER): Promise<void> {
  await page.goto(stack.url);
  await expect(page.locator('body[data-ready="true"]')).toBeAttached({ timeout: 30_000 });
  if ((await page.locator('body').getAttribute('data-session')) !== user) {
    await expect(page.getByTestId('sign-in')).toBeVisible();
    await page.getByTestId('sign-in-name').fill(user);
    await page.getByTestId('sign-in-submit').click();
  }
  await expect(page.locator(`body[data-session="${user}"][data-ready="true"]`)).toBeAttached({ timeout: 30_000 });
  await expect(page.getByTestId('status')).toContainText(`prefix users/${user}/`);
}

/** Opens the demo signed in and pastes `pem` as the master key. */
export async function openWithKey(page: Page, stack: DemoStack, pem: string, user = USER): Promise<void> {
  await openDemo(page, stack, user);
  await page.getByTestId('pem').fill(pem);
  await page.getByTestId('use-pem').click();
  await expect(page.locator('body[data-key="ready"]')).toBeAttached();
}

export const transfer = (page: Page, name: string) =>
  page.locator(`[data-testid="transfer"][data-key="${PREFIX}${name}"]`).last();
export const row = (page: Page, name: string) => page.locator(`[data-testid="object"][data-key="${PREFIX}${name}"]`);

/** Waits until the transfer row of `name` reports at least `n` finished parts. */
export async function waitForParts(page: Page, name: string, n: number): Promise<void> {
  await expect
    .poll(async () => Number((await transfer(page, name).getAttribute('data-parts')) ?? 0), { timeout: 60_000 })
    .toBeGreaterThanOrEqual(n);
}

/** Clicks the object's Download button and returns the saved file's path. */
export async function downloadThroughPage(page: Page, name: string): Promise<string> {
  const download = page.waitForEvent('download');
  await row(page, name).getByTestId('download').click();
  return (await download).path();
}

/** The bytes and headers the emulator stores for `name` (read with the account's key, not through the page). */
export async function stored(
  stack: DemoStack,
  name: string,
): Promise<{ body: Uint8Array; headers: Record<string, string> }> {
  const r = await stack.oss.get(`${PREFIX}${name}`);
  return { body: new Uint8Array(r.content), headers: r.res.headers };
}
