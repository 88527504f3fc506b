// A Vite app importing the installed @oss-cse/browser: `vite build`, `vite preview`, and Chromium (Playwright)
// uploading a 9 MiB file in encrypted parts to the emulator and downloading it, with the encryption Worker loaded
// from the built asset.
import { readdir, readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { chromiumLaunchOptions } from '../scripts/chromium-launch.mjs';
import { mustRun, startServer } from '../scripts/test-support/processes.js';

const consumer = inject('consumer');
const web = join(consumer.app, 'web');
let browser: Browser;
let preview: Awaited<ReturnType<typeof startServer>>;
let origin: string;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

beforeAll(async () => {
  await mustRun('npx', ['--no-install', 'vite', 'build'], { cwd: web });
  const port = await freePort();
  preview = await startServer(
    'npx',
    ['--no-install', 'vite', 'preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'],
    { cwd: web, ready: new RegExp(`http://127\\.0\\.0\\.1:${port}/`) },
  );
  origin = `http://127.0.0.1:${port}`;
  browser = await chromium.launch(chromiumLaunchOptions());
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await preview?.stop();
});

describe('Vite app over the installed @oss-cse/browser (vite build, vite preview, Chromium)', () => {
  it('the build emits the encryption Worker as its own asset', async () => {
    const assets = await readdir(join(web, 'dist/assets'));
    const workers = assets.filter((f) => /worker.*\.js$/i.test(f));
    expect(workers, assets.join(', ')).toHaveLength(1);
    expect(await readFile(join(web, 'dist/assets', workers[0]!), 'utf8')).not.toMatch(/from ['"]@oss-cse/);
  });

  it('uploads 9 MiB in encrypted parts and downloads it, encrypting in the Worker from the built asset', async () => {
    const page = await browser.newPage();
    const workers: string[] = [];
    const problems: string[] = [];
    page.on('worker', (w) => workers.push(w.url()));
    page.on('console', (m) => problems.push(`${m.type()}: ${m.text()}`));
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    const emu = consumer.emulator;
    const query = new URLSearchParams({
      endpoint: emu.ossEndpoint,
      region: emu.region,
      bucket: emu.buckets[0]!,
      id: emu.accessKeyId,
      secret: emu.accessKeySecret,
    });
    await page.goto(`${origin}/?${query}`);
    await page.waitForFunction(() => document.getElementById('result')?.textContent !== 'running', undefined, {
      timeout: 120_000,
    });
    const result = JSON.parse((await page.textContent('#result'))!);
    expect(result).toEqual({
      parts: 2,
      same: true,
      range: Array.from({ length: 10 }, (_, i) => ((100 + i) * 13 + 5) & 255),
    });
    expect(workers).toHaveLength(1);
    expect(workers[0]).toMatch(new RegExp(`^${origin}/assets/[^/]*worker[^/]*\\.js$`, 'i'));
    expect(problems).toEqual([]);
    await page.close();
  });
});
