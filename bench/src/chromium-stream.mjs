// Chromium streaming through the decrypting Service Worker: an encrypted object (uploaded from Node, so that the page
// holds nothing of it beforehand) is read with fetch() of the worker's URL (what a <video> does) at two sizes, every
// byte checked against the seeded source, with the page's JS heap and the renderers' RSS (page + Service Worker)
// sampled as the upload bench does, and at the same two sizes (256 and 512 MiB): a 64 MiB stream ends before the
// renderer's RSS reaches its plateau (it climbs for the first ~4 s of any stream, whatever the size, then stays level).
// Each size streams in a fresh browser, as the upload bench measures each size's memory. Baseline: the same reads by
// the page's own client (getStream). `node bench/src/chromium-stream.mjs [small large]` runs it alone and prints its
// figures.
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { createClient } from '@oss-cse/transfer';
import { setupPageClients, withBenchPage, withPeakMemory } from './chromium.mjs';
import { chromiumStreamFigures } from './figures.mjs';
import { repeatedRange, seededBlock } from './seeded-source.mjs';
import { RESULTS } from './reliability-section.mjs';
import { writeSection } from './results-section.mjs';
import { median } from './stats.mjs';

const MiB = 1024 * 1024;

/** Median renderer RSS of the first and of the second half of a stream's samples: flat when they are about equal. */
function halves(samples) {
  const mid = Math.floor(samples.length / 2);
  return { rssFirstHalfMiB: median(samples.slice(0, mid)), rssSecondHalfMiB: median(samples.slice(mid)) };
}

/**
 * One size's stream in a fresh browser (`withBenchPage`), as the upload bench measures each size's memory: the
 * renderer's RSS then counts this stream only, not what an earlier stream or read in the same renderer left for V8 to
 * collect.
 * The worker's stream comes first (its memory is the figure), then the page's own getStream of the same object (the
 * throughput baseline).
 */
async function streamOneSize(page, cdp, info, { sizeMiB, partMiB }) {
  const { keyring } = await setupPageClients(page, info);
  const node = createClient({
    bucket: info.bucket,
    endpoint: info.ossEndpoint,
    region: info.region,
    keyring,
    credentials: info.sts,
  });
  const seed = randomBytes(32).toString('hex');
  const size = sizeMiB * MiB;
  const key = `bench/stream-${sizeMiB}`;
  const source = ReadableStream.from(repeatedRange(await seededBlock(seed), 0, size));
  await node.upload(key, source, { size, partSize: partMiB * MiB, resume: false });
  const o = { key, seed, size };
  const viaWorker = await withPeakMemory(cdp, () => page.evaluate((x) => window.streamThroughWorker(x), o));
  const inPage = await withPeakMemory(cdp, () => page.evaluate((x) => window.streamInPage(x), o));
  await node.delete(key);
  return {
    sizeMiB,
    mibPerSec: sizeMiB / viaWorker.seconds,
    pageMibPerSec: sizeMiB / inPage.seconds,
    memory: { heapMiB: viaWorker.heapMiB, rssMiB: viaWorker.rssMiB, ...halves(viaWorker.rssSamples) },
  };
}

/** Each size of `sizesMiB` streamed in a browser of its own (emulator, Vite and Chromium started per size). */
export async function benchChromiumStream({ sizesMiB = [256, 512], partMiB = 8 } = {}) {
  const out = [];
  for (const sizeMiB of sizesMiB)
    out.push(await withBenchPage((page, cdp, info) => streamOneSize(page, cdp, info, { sizeMiB, partMiB })));
  return out;
}

const START = '<!-- stream:start -->';
const END = '<!-- stream:end -->';

const cell = (v) => `${v.value.toFixed(1)} ${v.unit}`;

/** The section's markdown for measured `stream` results (two sizes, small then large). */
export function renderStreamSection(stream, { date = new Date().toISOString().slice(0, 10) } = {}) {
  const [small, large] = stream;
  const rows = chromiumStreamFigures(stream).map(
    (f) =>
      `| ${f.label} | ${cell(f.ours)} | ${f.baseline.label ? `${f.baseline.label} ` : ''}${cell(f.baseline)} | ${f.ratio.toFixed(2)} | ${f.goal ? `flat (≤ ${f.goal.value})` : 'information'} | ${f.met === null ? '-' : f.met ? 'met' : '**missed**'} |`,
  );
  const mib = (x) => `${x.toFixed(0)} MiB`;
  return `${START}
## Streaming through the decrypting Service Worker

Measured on ${date} by \`node bench/src/chromium-stream.mjs ${small.sizeMiB} ${large.sizeMiB}\` (1 run; it rewrites this section; \`npm run
bench\` measures the same figures into the table above). Each object is uploaded encrypted from Node, then read by the
page with \`fetch()\` of the decrypting Service Worker's URL (what a \`<video>\` does), every byte checked against the
seeded source; memory is sampled every 200 ms as for the uploads (page JS heap by CDP; RSS of the renderers, which hold
the page and the Service Worker), and, as for the uploads, each size streams in a fresh browser (a renderer keeps what
an earlier read left for V8 to collect, and RSS would count it); the page's own getStream of the same object follows.

| figure | ours | baseline | ratio | goal | |
|---|---|---|---|---|---|
${rows.join('\n')}

RSS medians, first and second half of each stream: ${small.sizeMiB} MiB ${mib(small.memory.rssFirstHalfMiB)} then
${mib(small.memory.rssSecondHalfMiB)}; ${large.sizeMiB} MiB ${mib(large.memory.rssFirstHalfMiB)} then ${mib(large.memory.rssSecondHalfMiB)}. A level second
half means nothing accumulates per byte; a peak that still differs between the sizes is the RSS climbing to its plateau
(freed 1 MiB chunks, ciphertext and plaintext in the worker and received chunks in the page, live outside the JS heap
until V8 collects them) before the short stream ends.
${END}`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const sizes = process.argv.slice(2).map(Number);
  const stream = await benchChromiumStream(sizes.length === 2 ? { sizesMiB: sizes } : {});
  writeSection({ file: RESULTS, start: START, end: END, section: renderStreamSection(stream) });
  console.log(renderStreamSection(stream));
}
