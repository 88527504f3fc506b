// Chromium: Debian's Chromium through Playwright loads the bundled runner from a static server on a loopback
// port (a secure context, an origin the emulator's CORS rule allows); admin calls come back to Node through a
// binding, since the emulator refuses admin requests that carry an Origin header.
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium } from 'playwright';
import { chromiumLaunchOptions } from '../../../../scripts/chromium-launch.mjs';
import { adminOverFetch, type ConformanceInput } from '../../src/context.js';
import { parseReport, type RuntimeReport } from '../../src/harness/report.js';
import type { Bundle } from '../support/bundle.js';

/**
 * Serves `index.html` (which loads the runner), the bundle's modules and its assets (a Worker script), nothing else.
 */
async function servePage(bundle: Bundle): Promise<{ server: Server; url: string }> {
  const page = `<!doctype html><meta charset="utf-8"><title>oss-cse conformance</title><script type="module" src="/${bundle.entry('browser')}"></script>`;
  const server = createServer((req, res) => {
    const name = (req.url ?? '/').slice(1);
    if (name === '') return void res.writeHead(200, { 'content-type': 'text/html' }).end(page);
    if (!bundle.modules.includes(name) && !bundle.assets.includes(name)) return void res.writeHead(404).end();
    readFile(join(bundle.dir, name)).then(
      (body) => res.writeHead(200, { 'content-type': 'text/javascript' }).end(body),
      () => res.writeHead(500).end(),
    );
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` };
}

export async function runChromium(bundle: Bundle, input: ConformanceInput, timeoutMs: number): Promise<RuntimeReport> {
  const { server, url } = await servePage(bundle);
  const browser = await chromium.launch(chromiumLaunchOptions());
  try {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.exposeFunction('ossCseConformanceAdmin', adminOverFetch(input.emulator.endpoint));
    await page.goto(url);
    await page
      .waitForFunction(() => 'ossCseRunConformance' in globalThis, undefined, { timeout: 30_000 })
      .catch((e: unknown) => {
        throw new Error(`the runner did not load: ${errors.join('; ') || String(e)}`);
      });
    page.setDefaultTimeout(timeoutMs);
    const text = await page.evaluate(async (i) => {
      const run = (globalThis as unknown as { ossCseRunConformance: (input: unknown) => Promise<unknown> })
        .ossCseRunConformance;
      return JSON.stringify(await run(i));
    }, input);
    return parseReport(text);
  } finally {
    await browser.close();
    server.close();
  }
}
