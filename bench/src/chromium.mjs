// Chromium benchmarks: core AES-CTR vs raw subtle in the page, and @oss-cse/browser encrypted upload vs plain
// ali-oss multipartUpload from the same page against the emulator, with page memory at two file sizes.
// The page (bench/page) is served by a Vite dev server; the emulator runs in a child process.
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright';
import { createServer } from 'vite';
import { chromiumLaunchOptions } from '../../scripts/chromium-launch.mjs';
import { startEmulatorProcess } from './emulator-process.mjs';
import { median } from './stats.mjs';

const MiB = 1024 * 1024;

/** Chromium renderer processes started (transitively) by this process, and their summed RSS in bytes. */
function rendererRss() {
  const parent = new Map();
  const renderers = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      parent.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
      if (readFileSync(`/proc/${name}/cmdline`, 'utf8').includes('--type=renderer')) renderers.push(Number(name));
    } catch {
      // the process exited while we looked
    }
  }
  const ours = (pid) => {
    for (let p = pid, hops = 0; p > 1 && hops < 20; p = parent.get(p) ?? 0, hops++) if (p === process.pid) return true;
    return false;
  };
  let total = 0;
  for (const pid of renderers.filter(ours)) {
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      total += m ? Number(m[1]) * 1024 : 0;
    } catch {
      // exited
    }
  }
  return total;
}

/** Starts emulator + Vite + Chromium; `fn(page, cdp, emulatorInfo)`; always tears everything down. */
export async function withBenchPage(fn) {
  const emulator = await startEmulatorProcess({ corsOrigins: ['*'], sts: true });
  const vite = await createServer({
    configFile: false,
    root: fileURLToPath(new URL('../page/', import.meta.url)),
    logLevel: 'error',
    resolve: { conditions: ['source', 'module', 'browser', 'development|production'] },
    worker: { format: 'es' },
    optimizeDeps: { include: ['ali-oss'] },
    server: { host: '127.0.0.1', port: 0, strictPort: false, hmr: false },
  });
  await vite.listen();
  const { port } = vite.httpServer.address();
  const browser = await chromium.launch(chromiumLaunchOptions());
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.waitForFunction(() => typeof window.setupClients === 'function', undefined, { timeout: 120_000 });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    return await fn(page, cdp, emulator.info);
  } finally {
    await browser.close();
    await vite.close();
    await emulator.stop();
  }
}

export async function benchChromiumAes(page, { sizeMiB, inputChunk, runs }) {
  return page.evaluate((o) => window.benchAes(o), { sizeMiB, inputChunk, runs });
}

/** Peak JS heap (main page, CDP) and peak renderer RSS (page + Worker) while `fn` runs. */
async function withPeakMemory(cdp, fn) {
  let heap = 0;
  let rss = 0;
  let stop = false;
  const sample = async () => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    heap = Math.max(heap, metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0);
    rss = Math.max(rss, rendererRss());
  };
  const loop = (async () => {
    while (!stop) {
      await sample();
      await new Promise((r) => setTimeout(r, 200));
    }
  })();
  try {
    const seconds = await fn();
    return { seconds, heapMiB: heap / MiB, rssMiB: rss / MiB };
  } finally {
    stop = true;
    await loop;
  }
}

/**
 * Encrypted vs plain uploads of `sizesMiB` files (same part size and concurrency), `runs` alternating runs each;
 * ratio per size and peak memory per size.
 */
export async function benchChromiumUpload(page, cdp, info, { sizesMiB = [256, 512], partMiB = 8, concurrency = 4, runs = 2 } = {}) {
  await page.evaluate((o) => window.setupClients(o), { endpoint: info.ossEndpoint, region: info.region, bucket: info.bucket, sts: info.sts });
  const partSize = partMiB * MiB;
  const bySize = [];
  for (const sizeMiB of sizesMiB) {
    await page.evaluate((s) => window.makeFile(s), sizeMiB);
    const enc = [];
    const pla = [];
    const mem = { encrypted: { heapMiB: 0, rssMiB: 0 }, plain: { heapMiB: 0, rssMiB: 0 } };
    for (let run = 0; run < runs; run++) {
      const order = run % 2 === 0 ? ['plain', 'encrypted'] : ['encrypted', 'plain'];
      for (const kind of order) {
        const key = `bench/${kind}-${sizeMiB}-${run}`;
        const fnName = kind === 'plain' ? 'uploadPlain' : 'uploadEncrypted';
        const r = await withPeakMemory(cdp, () => page.evaluate(([f, o]) => window[f](o), [fnName, { key, partSize, concurrency }]));
        (kind === 'plain' ? pla : enc).push(r.seconds);
        mem[kind].heapMiB = Math.max(mem[kind].heapMiB, r.heapMiB);
        mem[kind].rssMiB = Math.max(mem[kind].rssMiB, r.rssMiB);
        await page.evaluate((k) => window.deleteObject(k), key);
      }
    }
    // The floor of this page and emulator: presigned fetch PUTs of the same slices (once per size).
    const floor = await page.evaluate((o) => window.uploadPresigned(o), { key: `bench/floor-${sizeMiB}`, partSize, concurrency });
    const encRate = sizeMiB / median(enc);
    const plainRate = sizeMiB / median(pla);
    const floorRetries = await page.evaluate(() => window.floorRetries());
    bySize.push({ sizeMiB, mibPerSec: encRate, plainMibPerSec: plainRate, ratio: encRate / plainRate, floorMibPerSec: sizeMiB / floor, floorRetries, memory: mem });
  }
  return { partSize, concurrency, runs, bySize };
}
