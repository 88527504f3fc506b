// Chromium benchmarks: core AES-CTR vs raw subtle in the page, and @oss-cse/browser encrypted upload vs plain
// ali-oss multipartUpload from the same page against the emulator, with page memory at two file sizes.
// The page (bench/page) is served by a Vite dev server; the emulator runs in a child process. Every object the
// page uploads is checked from Node after its timing: decrypted (with the RSA key Node made and handed to the
// page) or read as stored, against the page's source rebuilt from its seed.
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright';
import { createServer } from 'vite';
import { RsaMasterKey, exportPrivateKeyPem, generateRsaKeyPair } from '@oss-cse/core';
import { chromiumLaunchOptions } from '../../scripts/chromium-launch.mjs';
import { startEmulatorProcess } from './emulator-process.mjs';
import { repeatedRange, seededBlock } from './seeded-source.mjs';
import { median } from './stats.mjs';
import { plainOss } from './transfer-fixture.mjs';
import { BenchCheckError, digestOf, verifyStored } from './verify.mjs';

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
  // A profile on disk, as a user's browser has: Chromium pages large Blobs (the 256-512 MiB source Files) out
  // to its blob storage only there; an in-memory (incognito) profile refuses to read them back past its quota.
  const profile = mkdtempSync(join(tmpdir(), 'oss-cse-bench-chromium-'));
  const browser = await chromium.launchPersistentContext(profile, chromiumLaunchOptions());
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.waitForFunction(() => typeof window.setupClients === 'function', undefined, { timeout: 120_000 });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    return await fn(page, cdp, emulator.info);
  } finally {
    await browser.close();
    rmSync(profile, { recursive: true, force: true });
    await vite.close();
    await emulator.stop();
  }
}

export async function benchChromiumAes(page, { sizeMiB, inputChunk, runs, variants = {} }) {
  return page.evaluate((o) => window.benchAes(o), { sizeMiB, inputChunk, runs, variants });
}

/**
 * Peak JS heap (main page, CDP) and peak renderer RSS (page + Worker) while `fn` runs, and the RSS samples (every
 * 200 ms) in MiB.
 */
export async function withPeakMemory(cdp, fn) {
  let heap = 0;
  let rss = 0;
  const rssSamples = [];
  let stop = false;
  const sample = async () => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    heap = Math.max(heap, metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0);
    const now = rendererRss();
    rssSamples.push(now / MiB);
    rss = Math.max(rss, now);
  };
  const loop = (async () => {
    while (!stop) {
      await sample();
      await new Promise((r) => setTimeout(r, 200));
    }
  })();
  try {
    const seconds = await fn();
    return { seconds, heapMiB: heap / MiB, rssMiB: rss / MiB, rssSamples };
  } finally {
    stop = true;
    await loop;
  }
}

/** A fresh RSA key: the page's clients (and decrypting worker) get its PEM, Node its master key (returned). */
export async function setupPageClients(page, info) {
  const privateKeyPem = await exportPrivateKeyPem((await generateRsaKeyPair({ bits: 2048 })).privateKey);
  await page.evaluate((o) => window.setupClients(o), {
    endpoint: info.ossEndpoint,
    region: info.region,
    bucket: info.bucket,
    sts: info.sts,
    privateKeyPem,
  });
  return { keyring: await RsaMasterKey.import({ privateKey: privateKeyPem }) };
}

/**
 * Writes the source file (the block of `seed` repeated to `sizeMiB`) to a temporary directory and chooses it in the
 * page's file input, as a user would: Chromium reads a chosen file from disk (a 512 MiB Blob built in the page must
 * go to Chromium's blob storage instead, which refused to read it back on this machine). `remove()` deletes the file.
 */
async function chooseSourceFile(page, { sizeMiB, seed }) {
  const dir = mkdtempSync(join(tmpdir(), 'oss-cse-bench-source-'));
  const path = join(dir, `bench-${sizeMiB}.bin`);
  await pipeline(Readable.from(repeatedRange(await seededBlock(seed), 0, sizeMiB * MiB)), createWriteStream(path));
  await page.setInputFiles('#source', path);
  const size = await page.evaluate(() => window.useChosenFile());
  if (size !== sizeMiB * MiB) throw new Error(`the page chose ${size} bytes of ${sizeMiB * MiB}`);
  return { remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Peak page JS heap (CDP) and renderer RSS (page + Worker) of one encrypted upload of a `sizeMiB` file; checked from
 * Node, then deleted. Call it in a fresh browser (`withBenchPage`) that has done nothing else: a renderer's allocator
 * keeps what earlier work freed (a plain ali-oss upload of the same file leaves ~600 MiB), and RSS would count it.
 */
export async function benchChromiumUploadMemory(page, cdp, info, { sizeMiB, partMiB = 8, concurrency = 4 }) {
  const { keyring } = await setupPageClients(page, info);
  const seed = randomBytes(32).toString('hex');
  const source = await chooseSourceFile(page, { sizeMiB, seed });
  const expected = await digestOf(repeatedRange(await seededBlock(seed), 0, sizeMiB * MiB));
  const key = `bench/memory-${sizeMiB}`;
  const r = await withPeakMemory(cdp, () =>
    page.evaluate((o) => window.uploadEncrypted(o), { key, partSize: partMiB * MiB, concurrency }),
  ).finally(source.remove);
  const figure = `Chromium encrypted upload (memory), ${sizeMiB} MiB`;
  await verifyStored({ figure, oss: plainOss(info), key, keyring, expected });
  await page.evaluate((k) => window.deleteObject(k), key);
  return { sizeMiB, heapMiB: r.heapMiB, rssMiB: r.rssMiB };
}

/**
 * Encrypted vs plain uploads of `sizesMiB` files (same part size and concurrency), `runs` alternating runs each;
 * ratio per size; and, once per size, the same slices as presigned PUTs by `fetch` (the page's floor) and by XHR as
 * bytes. Each upload is checked from Node before it is deleted. Memory: {@link benchChromiumUploadMemory}.
 */
export async function benchChromiumUpload(
  page,
  cdp,
  info,
  { sizesMiB = [256, 512], partMiB = 8, concurrency = 4, runs = 2 } = {},
) {
  const { keyring } = await setupPageClients(page, info);
  const oss = plainOss(info);
  const partSize = partMiB * MiB;
  const bySize = [];
  for (const sizeMiB of sizesMiB) {
    const seed = randomBytes(32).toString('hex');
    const source = await chooseSourceFile(page, { sizeMiB, seed });
    const block = await seededBlock(seed);
    const size = sizeMiB * MiB;
    const expected = await digestOf(repeatedRange(block, 0, size));
    const enc = [];
    const pla = [];
    for (let run = 0; run < runs; run++) {
      const order = run % 2 === 0 ? ['plain', 'encrypted'] : ['encrypted', 'plain'];
      for (const kind of order) {
        const key = `bench/${kind}-${sizeMiB}-${run}`;
        const fnName = kind === 'plain' ? 'uploadPlain' : 'uploadEncrypted';
        const r = await page.evaluate(([f, o]) => window[f](o), [fnName, { key, partSize, concurrency }]);
        (kind === 'plain' ? pla : enc).push(r);
        const figure =
          kind === 'plain'
            ? `Chromium plain upload (ali-oss multipartUpload), ${sizeMiB} MiB`
            : `Chromium encrypted upload, ${sizeMiB} MiB`;
        await verifyStored({ figure, oss, key, keyring: kind === 'plain' ? undefined : keyring, expected });
        await page.evaluate((k) => window.deleteObject(k), key);
      }
    }
    // The floor of this page and emulator, and XHR's send of bytes: presigned PUTs of the same slices (once per size).
    const presigned = {};
    for (const via of ['fetch Blob', 'XHR bytes']) {
      const r = await page.evaluate((o) => window.uploadPresigned(o), {
        key: `bench/presigned-${sizeMiB}`,
        partSize,
        concurrency,
        via,
      });
      presigned[via] = { mibPerSec: sizeMiB / r.seconds, retries: await page.evaluate(() => window.floorRetries()) };
      for (const [i, name] of r.names.entries()) {
        const slice = await digestOf(repeatedRange(block, i * partSize, Math.min(size, (i + 1) * partSize)));
        await verifyStored({
          figure: `Chromium presigned ${via} PUTs, ${sizeMiB} MiB`,
          oss,
          key: name,
          expected: slice,
        });
      }
      await page.evaluate((names) => window.deleteObjects(names), r.names);
    }
    source.remove();
    const encRate = sizeMiB / median(enc);
    const plainRate = sizeMiB / median(pla);
    bySize.push({
      sizeMiB,
      mibPerSec: encRate,
      plainMibPerSec: plainRate,
      ratio: encRate / plainRate,
      floorMibPerSec: presigned['fetch Blob'].mibPerSec,
      floorRetries: presigned['fetch Blob'].retries,
      xhrBytesMibPerSec: presigned['XHR bytes'].mibPerSec,
      xhrBytesRetries: presigned['XHR bytes'].retries,
    });
  }
  return { partSize, concurrency, runs, bySize };
}

/**
 * 1 KiB put+get in the page: @oss-cse/browser with a PKCS#1 v1.5 and with an OAEP key vs plain ali-oss (its browser
 * build), alternating runs of `ops` each; medians of ops/s. Every get is compared in the page, and every stored
 * object read back from Node (decrypted with the key) after its run.
 */
export async function benchChromiumSmallObjects(page, info, { ops = 200, runs = 3 } = {}) {
  const privateKeyPem = await exportPrivateKeyPem((await generateRsaKeyPair({ bits: 2048 })).privateKey);
  const oss = plainOss(info);
  const body = await page.evaluate((o) => window.setupSmallObjects(o), {
    endpoint: info.ossEndpoint,
    region: info.region,
    bucket: info.bucket,
    sts: info.sts,
    privateKeyPem,
  });
  const expected = await digestOf([new Uint8Array(body)]);
  const keyring = await RsaMasterKey.import({ privateKey: privateKeyPem });
  const run = async (which, r) => {
    const prefix = `small/${which.replace(/[^a-z0-9]+/gi, '-')}/${r}/`;
    const { seconds, mismatches } = await page.evaluate((o) => window.smallPutGet(o), { which, n: ops, prefix });
    const figure = `Chromium 1 KiB put+get, ${which}`;
    if (mismatches) throw new BenchCheckError(figure, `${mismatches} of ${ops} gets returned other bytes`);
    for (let i = 0; i < ops; i++)
      await verifyStored({
        figure,
        oss,
        key: `${prefix}${i}`,
        keyring: which === 'plain' ? undefined : keyring,
        expected,
      });
    return ops / seconds;
  };
  const results = {};
  for (const name of ['RSA PKCS#1 v1.5', 'RSA-OAEP']) {
    const p = [];
    const e = [];
    for (let r = 0; r < runs; r++) {
      p.push(await run('plain', r));
      e.push(await run(name, r));
    }
    results[name] = { opsPerSec: median(e), plainOpsPerSec: median(p), ratio: median(e) / median(p) };
  }
  return { ops, runs, bodyBytes: body.length, results };
}
