// Chromium streaming through the decrypting Service Worker: an encrypted object (uploaded from Node, so that the page
// holds nothing of it beforehand) is read with fetch() of the worker's URL (what a <video> does) at two sizes, every
// byte checked against the seeded source, with the page's JS heap and the renderers' RSS (page + Service Worker)
// sampled as the upload bench does.
// Baseline: the same reads by the page's own client (getStream). `node bench/src/chromium-stream.mjs [small large]`
// runs it alone and prints its figures.
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { createClient } from '@oss-cse/transfer';
import { setupPageClients, withBenchPage, withPeakMemory } from './chromium.mjs';
import { chromiumStreamFigures } from './figures.mjs';
import { repeatedRange, seededBlock } from './seeded-source.mjs';
import { median } from './stats.mjs';

const MiB = 1024 * 1024;

/** Median renderer RSS of the first and of the second half of a stream's samples: flat when they are about equal. */
function halves(samples) {
  const mid = Math.floor(samples.length / 2);
  return { rssFirstHalfMiB: median(samples.slice(0, mid)), rssSecondHalfMiB: median(samples.slice(mid)) };
}

export async function benchChromiumStream(page, cdp, info, { sizesMiB = [64, 512], partMiB = 8 } = {}) {
  const { keyring } = await setupPageClients(page, info);
  const node = createClient({
    bucket: info.bucket,
    endpoint: info.ossEndpoint,
    region: info.region,
    keyring,
    credentials: info.sts,
  });
  const out = [];
  for (const sizeMiB of sizesMiB) {
    const seed = randomBytes(32).toString('hex');
    const size = sizeMiB * MiB;
    const key = `bench/stream-${sizeMiB}`;
    const source = ReadableStream.from(repeatedRange(await seededBlock(seed), 0, size));
    await node.upload(key, source, { size, partSize: partMiB * MiB, resume: false });
    const o = { key, seed, size };
    const viaWorker = await withPeakMemory(cdp, () => page.evaluate((x) => window.streamThroughWorker(x), o));
    const inPage = await withPeakMemory(cdp, () => page.evaluate((x) => window.streamInPage(x), o));
    await node.delete(key);
    out.push({
      sizeMiB,
      mibPerSec: sizeMiB / viaWorker.seconds,
      pageMibPerSec: sizeMiB / inPage.seconds,
      memory: { heapMiB: viaWorker.heapMiB, rssMiB: viaWorker.rssMiB, ...halves(viaWorker.rssSamples) },
    });
  }
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const sizes = process.argv.slice(2).map(Number);
  const stream = await withBenchPage((page, cdp, info) =>
    benchChromiumStream(page, cdp, info, sizes.length === 2 ? { sizesMiB: sizes } : {}),
  );
  console.log(JSON.stringify(stream));
  for (const f of chromiumStreamFigures(stream))
    console.log(
      `| ${f.label} | ${f.ours.value.toFixed(1)} ${f.ours.unit} | ${f.baseline.label ? `${f.baseline.label} ` : ''}${f.baseline.value.toFixed(1)} ${f.baseline.unit} | ${f.ratio.toFixed(2)} | ${f.goal ? `≤ ${f.goal.value}` : 'information'} | ${f.met === null ? '-' : f.met ? 'met' : '**missed**'} |`,
    );
}
