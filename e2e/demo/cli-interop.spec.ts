import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  BUCKET,
  PREFIX,
  pemKey,
  random,
  sha256,
  startDemoStack,
  tmp,
  writeFile,
  type DemoStack,
} from './demo-fixture.js';
import { downloadThroughPage, openWithKey, row, transfer } from './demo-page.js';
import { ossCse } from './cli.js';

// The page and the `oss-cse` CLI of @oss-cse/node read each other's objects: one RSA key pair, its private key
// pasted in the page, its PEM files given to the CLI.

test.describe.configure({ mode: 'serial', timeout: 120_000 });

let stack: DemoStack;
let key: Awaited<ReturnType<typeof pemKey>>;
let privatePem: string;
let publicPem: string;
const MiB = 1024 * 1024;
const checkpoints = ['--checkpoint-dir', join(tmp, 'cli-checkpoints')];

test.beforeAll(async () => {
  stack = await startDemoStack();
  key = await pemKey();
  privatePem = writeFile('cli-private.pem', new TextEncoder().encode(key.pem));
  publicPem = writeFile('cli-public.pem', new TextEncoder().encode(key.publicPem));
});
test.afterAll(async () => {
  await stack?.close();
});

test('objects written with `oss-cse put` (single and multipart) download and decrypt in the page', async ({ page }) => {
  const small = random(300_001);
  const large = random(10 * MiB + 7);
  for (const [name, bytes] of [
    ['cli-small.bin', small],
    ['cli-large.bin', large],
  ] as const) {
    const put = await ossCse(stack.emulator, [
      'put',
      writeFile(name, bytes),
      `oss://${BUCKET}/${PREFIX}${name}`,
      '--public-key',
      publicPem,
      '--part-size',
      '4MiB',
      ...checkpoints,
    ]);
    expect(put.code, put.stderr).toBe(0);
  }
  expect(
    (await stack.oss.head(`${PREFIX}cli-large.bin`)).res.headers['x-oss-meta-client-side-encryption-part-size'],
  ).toBe(String(4 * MiB));

  await openWithKey(page, stack, key.pem);
  await expect(row(page, 'cli-large.bin').getByTestId('wrap-alg')).toHaveText('RSA/NONE/PKCS1Padding');
  await page.screenshot({ path: test.info().outputPath('cli-objects-in-page.png'), fullPage: true });
  expect(sha256(readFileSync(await downloadThroughPage(page, 'cli-small.bin')))).toBe(sha256(small));
  expect(sha256(readFileSync(await downloadThroughPage(page, 'cli-large.bin')))).toBe(sha256(large));
});

test('an object uploaded through the page decrypts with `oss-cse get` to identical bytes, also a range', async ({
  page,
}) => {
  const plain = random(9 * MiB + 5);
  await openWithKey(page, stack, key.pem);
  await page.getByTestId('files').setInputFiles(writeFile('page-to-cli.bin', plain));
  await expect(transfer(page, 'page-to-cli.bin')).toHaveAttribute('data-state', 'done', { timeout: 60_000 });

  const out = join(tmp, 'page-to-cli.out');
  const get = await ossCse(stack.emulator, [
    'get',
    `oss://${BUCKET}/${PREFIX}page-to-cli.bin`,
    out,
    '--private-key',
    privatePem,
    ...checkpoints,
  ]);
  expect(get.code, get.stderr).toBe(0);
  expect(sha256(readFileSync(out))).toBe(sha256(plain));

  const ranged = await ossCse(stack.emulator, [
    'get',
    `oss://${BUCKET}/${PREFIX}page-to-cli.bin`,
    '-',
    '--range',
    '8388600-8388699',
    '--private-key',
    privatePem,
  ]);
  expect(ranged.code, ranged.stderr).toBe(0);
  expect(ranged.stdout.toString('hex')).toBe(Buffer.from(plain.subarray(8388600, 8388700)).toString('hex'));
});
