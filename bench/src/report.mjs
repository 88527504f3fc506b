// bench/RESULTS.md from one run's record (bench/runs/<id>.json): every number written here is a number of that
// record (a measurement, a setting or a goal), formatted; nothing is typed in by hand (bench/test checks it).
// Run alone (`node bench/src/report.mjs [bench/runs/<id>.json]`, default the newest run) it rewrites RESULTS.md
// from a kept run; run-all.mjs calls renderResults() when a run ends.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { goalText, ratio as r2, withUnit } from './format.mjs';
import { RESULTS, renderReliabilitySection } from './reliability-section.mjs';
import { loadRuns, runFileName } from './runs.mjs';

const MiB = 1024 * 1024;
const f0 = (x) => x.toFixed(0);
const f1 = (x) => x.toFixed(1);
const signed = (x) => `${x >= 0 ? '+' : ''}${r2(x)}`;
const cell = (s) => String(s).replace(/\|/g, '\\|');

function figureTable(figures) {
  const verdict = (f) => (f.met === null ? '-' : f.met ? 'met' : '**missed**');
  const baseline = (b) => `${b.label ? `${b.label} ` : ''}${withUnit(b)}`;
  return [
    '| figure | ours | baseline | ratio | goal | |',
    '|---|---|---|---|---|---|',
    ...figures.map(
      (f) =>
        `| ${cell(f.label)} | ${withUnit(f.ours)} | ${cell(baseline(f.baseline))} | ${r2(f.ratio)} | ${goalText(f.goal)} | ${verdict(f)} |`,
    ),
  ].join('\n');
}

function sweepSection({ config, settings, results }) {
  const { sweep, selected } = results;
  const rss = (r) => Math.max(r.results.upload.peakRssMiB, r.results.download.peakRssMiB);
  return `### Node part size / concurrency sweep (${config.sweepMiB} MiB, ${config.sweepRuns} run each)

Selection: the highest min(upload, download) encrypted throughput among settings whose measured peak RSS here is ≤ ${settings.sweepRssLimitMiB} MiB
(headroom for the larger file under the ${settings.rssGoalMiB} MiB goal) and whose buffers (part size × concurrency × ${settings.sweepBufferFactor}) stay ≤ ${settings.sweepBufferLimitMiB} MiB. Selected: **${selected.partSize / MiB} MiB × ${selected.concurrency}** (the clients' defaults are ${settings.clientPartSize / MiB} MiB × ${settings.clientConcurrency}).

| part size | concurrency | encrypted upload MiB/s (ratio) | encrypted download MiB/s (ratio) | peak RSS MiB |
|---|---|---|---|---|
${sweep.map((r) => `| ${r.partSize / MiB} MiB | ${r.concurrency} | ${f0(r.results.upload.mibPerSec)} (${r2(r.results.upload.ratio)}) | ${f0(r.results.download.mibPerSec)} (${r2(r.results.download.ratio)}) | ${f0(rss(r))} |`).join('\n')}`;
}

function cpuSection({ cpu }) {
  return `### CPU per GiB (${cpu.sizeMiB} MiB, ${cpu.partMiB} MiB parts × ${cpu.concurrency}; client = this process incl. its crypto threads)

| transfer | client CPU s/GiB | emulator CPU s/GiB | wall s/GiB | cores busy |
|---|---|---|---|---|
${Object.entries(cpu.results)
  .map(
    ([n, x]) =>
      `| ${n} | ${r2(x.clientCpuPerGiB)} | ${r2(x.emulatorCpuPerGiB)} | ${r2(x.wallPerGiB)} | ${r2(x.coresBusy)} |`,
  )
  .join('\n')}`;
}

function limits(run) {
  const { cores, results } = run;
  const { cpu, aes, chromiumUpload, transfer, perObject, rsa } = results;
  const byId = Object.fromEntries(run.figures.map((f) => [f.id, f]));
  const busy = Object.values(cpu.results).map((x) => x.coresBusy);
  const c = cpu.results;
  const node64 = aes.node.find((r) => r.inputChunk < r.coreChunkSize);
  const chrome64 = aes.chromium.find((r) => r.inputChunk < r.coreChunkSize);
  const variant = chrome64 && Object.values(chrome64.results.encrypt.variants ?? {})[0];
  const kib = (bytes) => bytes / 1024;
  const both = (runtime) =>
    `${r2(byId[`aes.${runtime}.small-chunks.encrypt`].ratio)} / ${r2(byId[`aes.${runtime}.small-chunks.decrypt`].ratio)}`;
  const large = chromiumUpload[chromiumUpload.length - 1];
  const chromeBig = aes.chromium.find((r) => r.inputChunk >= r.coreChunkSize);
  const items = [];
  items.push(`- **Node transfers on this machine**: client and emulator together kept ${r2(Math.min(...busy))}–${r2(Math.max(...busy))} of the ${cores} cores
  busy during the transfers (CPU table). Encryption changed the client's CPU by ${signed(cpu.addedClientCpuPerGiB.download)} s/GiB on a download
  (AES-CTR decrypt, CRC-64 of every part, the temp-file write) and by ${signed(cpu.addedClientCpuPerGiB.upload)} on an upload;
  with the emulator needing ${r2(c['plain download'].emulatorCpuPerGiB)} (download) and ${r2(c['plain upload'].emulatorCpuPerGiB)} (upload) CPU-s/GiB
  on the same cores, when they are saturated the ratio approaches (plain CPU)/(encrypted CPU) instead of 1. On a machine with
  spare cores (and a real OSS on the other side) the extra work runs on otherwise idle cores.`);
  if (node64) {
    items.push(`- **Core AES-CTR with ${kib(node64.inputChunk)} KiB input chunks** (Node file-stream chunking): the transform gathers them into ${kib(node64.coreChunkSize)} KiB
  cipher calls through one reused buffer (chunks of ${kib(node64.coreChunkSize)} KiB and more go to WebCrypto in place, uncopied), with up to
  ${node64.inFlightBytes / MiB} MiB in calls at once; the raw baseline keeps the same ${node64.inFlightBytes / MiB} MiB of ${node64.cipherChunk / MiB} MiB calls in flight. Against it core measured
  ${both('node')} (encrypt / decrypt) in Node${chrome64 ? ` and ${both('chromium')} in Chromium` : ''}.${
    variant
      ? ` Gathering
  ${kib(variant.options.chunkSize)} KiB calls instead measured ${r2(variant.ratio)} in Chromium (encrypt), where buffers of that size are allocated fresh
  from the system each time.`
      : ''
  } In Node the gap is the main thread: Node's WebCrypto copies every input and allocates every
  output on the calling thread, on top of more stream reads and the gathering copy, while the same ${cores} cores run the
  cipher threads.`);
  }
  if (large) {
    items.push(`- **Chromium uploads**: the baseline is ali-oss's browser build as shipped, whose request path (the bundled stream-http,
  \`Buffer.concat\` + \`toArrayBuffer\` of every body on the main thread) holds plain \`multipartUpload\` to
  ${f1(large.plainMibPerSec)} MiB/s here, against ${f1(large.floorMibPerSec)} MiB/s for presigned \`fetch\` PUTs of the same Blob slices from the same
  page and ${f0(transfer.results.upload.plainMibPerSec)} MiB/s for Node's ali-oss on the same emulator. Presigned XHR PUTs of the same slices read into bytes
  ran at ${f1(large.xhrBytesMibPerSec)} MiB/s: \`XMLHttpRequest.send\` of an ArrayBufferView copies and uploads it on the main thread.
  @oss-cse/browser signs with ali-oss too but sends each part as a Blob, so the encrypted upload was
  ${large.ratio >= 1 ? 'faster' : 'slower'} than the plain one; what is left below the floor is the Worker's AES-CTR${
    chromeBig
      ? `
  (${f0(chromeBig.results.encrypt.mibPerSec)} MiB/s in the page)`
      : ''
  } and CRC-64 of each part, and the part's trip through the Worker.`);
  }
  items.push(`- **Page memory** is bounded by part size × concurrency: the File is read one part at a time (Blob slices) and the Blob bytes
  live in the browser process, not in the page; the renderer RSS counts the page and the encryption Worker.${
    large?.memory.encrypted.sizeMiB
      ? ` Each size's
  memory is measured on one encrypted upload in a fresh browser: a renderer's allocator keeps what earlier work freed
  (the plain ali-oss uploads of the timed runs leave hundreds of MiB in it), and RSS would count that.`
      : ` This run
  measured it during the timed runs, after plain ali-oss uploads in the same page (whose freed buffers the renderer's
  allocator keeps, and RSS counts).`
  }`);
  const pkcs1 = Object.entries(perObject.results).find(([name]) => name.startsWith('RSA PKCS#1'));
  const { ranged } = results;
  items.push(`- **RSA PKCS#1 v1.5 unwrap**: core's portable private operation (Montgomery on WebAssembly, BigInt where
  WebAssembly cannot be compiled) runs at ${r2(rsa.ratio)}× the speed of OpenSSL's raw RSA (the \`rsa.unwrap\` figure); the Node
  client unwraps through OpenSSL by default (\`nativeRsa\`), with core's checks kept. Each first read of an object
  unwraps twice (data key and IV, concurrently)${pkcs1 ? ` (${f0(pkcs1[1].opsPerSec)} put+get/s here with a PKCS#1 v1.5 key)` : ''}; RSA-OAEP unwraps through
  OpenSSL's OAEP decryption in the Node client (WebCrypto elsewhere) and KMS costs two extra round trips (GenerateDataKey
  on put, concurrent with the IV's wrap; Decrypt on get).${
    ranged
      ? ` Reads of an object already read
  unwrap nothing (the materials cache): ${ranged.reads} ranged reads of one object unwrapped ${ranged.cached.opened} data key(s), ${ranged.uncached.opened} without the cache.`
      : ''
  }`);
  const batch = results.batchCopy;
  if (batch?.liveHeapMiB !== undefined) {
    items.push(`- **\`cp -r\` memory**: its live V8 heap after a full collection at exit was ${f1(batch.liveHeapMiB)} MiB after ${batch.files} files
  and ${f1(batch.smallLiveHeapMiB)} MiB after ${batch.smallFiles}: what it holds does not grow with the number of files (the walk is
  streamed, the journal appended, nothing kept per file). The peak RSS grows (${f0(batch.smallPeakRssMiB)} → ${f0(batch.peakRssMiB)} MiB) because V8
  enlarges its young generation and collects its old generation later as a long run allocates; plain ali-oss puts of the
  same trees measured ${f0(batch.smallPlainPeakRssMiB)} → ${f0(batch.plainPeakRssMiB)} MiB.`);
  }
  items.push(`- **The emulator**'s PutObject/UploadPart path (MD5, CRC-64 in WebAssembly, storage with fsync) costs it
  ${r2(c['plain upload'].emulatorCpuPerGiB)} CPU-s/GiB (CPU table), on the same ${cores} cores as the clients, so the absolute *upload* rates of both
  sides are bounded by the emulator sharing the CPUs; the ratios stay fair because both sides upload to the same
  emulator. Against real OSS that cost is on the server.`);
  return `## What limits it\n\n${items.join('\n')}`;
}

/** The report of `run` (without the Reliability section, which comes from the test results). */
export function renderResults(run) {
  const { config: cfg } = run;
  const file = runFileName(run);
  return `# oss-cse benchmark results

Produced by \`npm run bench\`${run.quick ? ' **--quick** (small sizes; not the reference figures)' : ''} on ${run.startedAt.slice(0, 10)} in ${f1(run.minutes)} min.
Every number in this report is in that run's record, [bench/runs/${file}](runs/${file}) (\`node bench/src/report.mjs bench/runs/${file}\` writes this report again from it).

**Machine:** ${run.machine}; Chromium (Debian package, headless); the emulator runs in a child process, each Node transfer
in a fresh process (so its peak RSS is its own). The machine is shared with other work, so absolute MiB/s move between
runs; every ratio compares against a baseline measured in the same run, alternating baseline and candidate, median of
the runs given. After each timed transfer, untimed, the bench checked what it moved: every uploaded object read back
(decrypted by node:crypto with the data key and IV its envelope unwraps to, when encrypted) and every download
compared with its source; a mismatch fails the run and no report is written.

${figureTable(run.figures)}

Runs: AES ${cfg.aesRuns} per mode and chunking; Node transfer ${cfg.transferRuns}${cfg.memoryRuns ? `; Node memory (each transfer in a fresh process) ${cfg.memoryRuns}` : ''}; Chromium upload ${cfg.chromeRuns.join('/')} (per size); per-object ${cfg.objRuns} × ${cfg.ops} put+get; RSA ${cfg.rsaSeconds} s × ${cfg.rsaRuns}; emulator ${cfg.emuRuns}.

${sweepSection(run)}

${cpuSection(run.results)}

${limits(run)}
`;
}

/** RESULTS.md: the report of `run` and the Reliability section. */
export const resultsMarkdown = (run) => `${renderResults(run)}\n${renderReliabilitySection()}\n`;

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const arg = process.argv[2];
  const run = arg ? JSON.parse(readFileSync(arg, 'utf8')) : loadRuns().at(-1);
  if (!run) throw new Error('no run kept in bench/runs: run `npm run bench` first');
  writeFileSync(RESULTS, resultsMarkdown(run));
  console.log(`wrote ${RESULTS} from bench/runs/${runFileName(run)}`);
}
