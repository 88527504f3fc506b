// Page-side helpers shared by the demo specs: open the app with a key, find a transfer row or an object row,
// wait for parts, read what the emulator stores.
import { expect, type Page } from '@playwright/test';
import { PREFIX, type DemoStack } from './demo-fixture.js';

/** Opens the demo and waits until it has loaded its configuration. */
export async function openDemo(page: Page, stack: DemoStack, query = ''): Promise<void> {
  await page.goto(`${stack.url}${query}`);
  await expect(page.locator('body[data-ready="true"]')).toBeAttached();
}

/** Opens the demo and pastes `pem` as the master key. */
export async function openWithKey(page: Page, stack: DemoStack, pem: string, query = ''): Promise<void> {
  await openDemo(page, stack, query);
  await page.getByTestId('pem').fill(pem);
  await page.getByTestId('use-pem').click();
  await expect(page.locator('body[data-key="ready"]')).toBeAttached();
}

export const transfer = (page: Page, name: string) => page.locator(`[data-testid="transfer"][data-key="${PREFIX}${name}"]`).last();
export const row = (page: Page, name: string) => page.locator(`[data-testid="object"][data-key="${PREFIX}${name}"]`);

/** Waits until the transfer row of `name` reports at least `n` finished parts. */
export async function waitForParts(page: Page, name: string, n: number): Promise<void> {
  await expect.poll(async () => Number((await transfer(page, name).getAttribute('data-parts')) ?? 0), { timeout: 60_000 }).toBeGreaterThanOrEqual(n);
}

/** Clicks the object's Download button and returns the saved file's path. */
export async function downloadThroughPage(page: Page, name: string): Promise<string> {
  const download = page.waitForEvent('download');
  await row(page, name).getByTestId('download').click();
  return (await download).path();
}

/** The bytes and headers the emulator stores for `name` (read with the account's key, not through the page). */
export async function stored(stack: DemoStack, name: string): Promise<{ body: Uint8Array; headers: Record<string, string> }> {
  const r = await stack.oss.get(`${PREFIX}${name}`);
  return { body: new Uint8Array(r.content), headers: r.res.headers };
}
