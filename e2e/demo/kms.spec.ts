import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { decryptObject, fromBase64 } from '../../packages/core/src/index.js';
import { KmsMasterKey, detectLayout } from '../../packages/kms/src/index.js';
import { random, sha256, startDemoStack, writeFile, type DemoStack } from './demo-fixture.js';
import { downloadThroughPage, openDemo, row, stored, transfer } from './demo-page.js';

// KMS master keys in the page: requests signed with the page's STS token (scoped to the demo key) go through the
// backend's relay to the emulator's KMS, which answers no CORS, like the real one. Both write layouts; Node then
// decrypts the stored objects against KMS directly.

test.describe.configure({ mode: 'serial', timeout: 120_000 });

let stack: DemoStack;
const MiB = 1024 * 1024;
const KEY_HEADER = 'x-oss-meta-client-side-encryption-key';

test.beforeAll(async () => {
  stack = await startDemoStack();
});
test.afterAll(async () => {
  await stack?.close();
});

test('KMS through the relay: oss2 and sdk layouts upload, list as KMS/ALICLOUD, download in the page and decrypt in Node', async ({
  page,
}) => {
  await openDemo(page, stack);
  const files = new Map<string, Uint8Array>();
  for (const layout of ['oss2', 'sdk'] as const) {
    await page.getByTestId('kms-layout').selectOption(layout);
    await page.getByTestId('mode-kms').check();
    await expect(page.getByTestId('key-info')).toContainText(`KMS key ${stack.kmsKeyId} (${layout} layout)`);
    await expect(page.getByTestId('key-info')).toContainText('wraps with KMS/ALICLOUD');
    const names = [`kms-${layout}-small.txt`, `kms-${layout}-multipart.bin`];
    files.set(names[0]!, new TextEncoder().encode(`encrypted under KMS, ${layout} layout\n`.repeat(1000)));
    files.set(names[1]!, random(9 * MiB + 3));
    await page.getByTestId('files').setInputFiles(names.map((n) => writeFile(n, files.get(n)!)));
    for (const n of names) await expect(transfer(page, n)).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  }
  await page.getByTestId('refresh').click();
  for (const name of files.keys()) await expect(row(page, name).getByTestId('wrap-alg')).toHaveText('KMS/ALICLOUD');
  await page.screenshot({ path: test.info().outputPath('kms-objects.png'), fullPage: true });

  // The page (sdk layout key) reads both layouts back through the relay.
  for (const [name, plain] of files)
    expect(sha256(readFileSync(await downloadThroughPage(page, name)))).toBe(sha256(plain));

  // Node, straight to the emulator's KMS with the account's key: the stored bytes are ciphertext in the chosen layout.
  const direct = new KmsMasterKey({
    endpoint: stack.emulator.kmsEndpoint,
    credentials: { accessKeyId: stack.emulator.accessKeyId, accessKeySecret: stack.emulator.accessKeySecret },
    keyId: stack.kmsKeyId,
  });
  for (const [name, plain] of files) {
    const s = await stored(stack, name);
    expect(s.headers['x-oss-meta-client-side-encryption-wrap-alg']).toBe('KMS/ALICLOUD');
    expect(detectLayout(fromBase64(s.headers[KEY_HEADER]!))).toBe(name.includes('-oss2-') ? 'oss2' : 'sdk');
    expect(sha256(s.body)).not.toBe(sha256(plain));
    expect(sha256(await decryptObject({ keyring: direct, headers: s.headers, ciphertext: s.body }))).toBe(
      sha256(plain),
    );
  }
});
