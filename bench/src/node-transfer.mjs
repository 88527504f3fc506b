// @oss-cse/node encrypted upload/download of a large file vs plain ali-oss transfers of the same file on the
// emulator, with the same part size and concurrency. Prints throughput ratios (goal >= 0.85) and this process's
// peak RSS during the encrypted transfers (goal <= 300 MiB). The emulator runs in a child process (on disk),
// so its memory is not counted. After each timed transfer, untimed, what it moved is checked (transferOps):
// a mismatch throws BenchCheckError naming the figure.
//
//   node bench/src/node-transfer.mjs [--size-mib 1024] [--part-mib 8] [--concurrency 4] [--runs 2]
// or from run-all.mjs: `const r = await benchNodeTransfer({ sizeMiB: 1024 }); printNodeTransfer(r);`
//
// Needs the packages built (`pnpm run build`).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmulatorProcess } from './emulator-process.mjs';
import { flags } from './measured-child.mjs';
import { machine, median, timeIt } from './stats.mjs';
import { transferClients, transferOps, writeRandomFile } from './transfer-fixture.mjs';
import { runChecked } from './verify.mjs';

const MiB = 1024 * 1024;

/** Peak RSS of this process while `fn` runs (sampled every 20 ms). */
async function withPeakRss(fn) {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 20);
  try {
    const seconds = await timeIt(fn);
    return { seconds, peak: Math.max(peak, process.memoryUsage.rss()) };
  } finally {
    clearInterval(timer);
  }
}

/** Runs the comparison; returns throughputs, ratios and peak RSS per direction. */
export async function benchNodeTransfer({ sizeMiB = 1024, partMiB = 8, concurrency = 4, runs = 2 } = {}) {
  const partSize = partMiB * MiB;
  const dir = await mkdtemp(join(tmpdir(), 'oss-cse-bench-'));
  const emulator = await startEmulatorProcess({ dataDir: join(dir, 'emulator') });
  try {
    const { info } = emulator;
    const src = join(dir, 'source.bin');
    const source = await writeRandomFile(src, sizeMiB);
    const { oss, client, keyring } = await transferClients(info, { partSize, concurrency });
    const ops = transferOps({ oss, client, keyring, src, source, dir, partSize, concurrency });
    const seconds = Object.fromEntries(Object.keys(ops).map((k) => [k, []]));
    const peaks = Object.fromEntries(Object.keys(ops).map((k) => [k, 0]));
    for (let run = 0; run < runs; run++) {
      // Alternate the order so neither side always runs on a warmer (or fuller) emulator.
      const order =
        run % 2 === 0 ? Object.keys(ops) : ['encrypted upload', 'plain upload', 'encrypted download', 'plain download'];
      for (const name of order) {
        const r = await withPeakRss(ops[name].run);
        seconds[name].push(r.seconds);
        peaks[name] = Math.max(peaks[name], r.peak);
        await ops[name].check();
      }
    }
    client.close();
    const rate = (name) => sizeMiB / median(seconds[name]);
    const results = {};
    for (const dirn of ['upload', 'download']) {
      const plain = rate(`plain ${dirn}`);
      const encrypted = rate(`encrypted ${dirn}`);
      results[dirn] = {
        mibPerSec: encrypted,
        plainMibPerSec: plain,
        ratio: encrypted / plain,
        peakRssMiB: peaks[`encrypted ${dirn}`] / MiB,
        plainPeakRssMiB: peaks[`plain ${dirn}`] / MiB,
      };
    }
    return { sizeMiB, partSize, concurrency, runs, results };
  } finally {
    await emulator.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

/** Prints the report of {@link benchNodeTransfer}. */
export function printNodeTransfer({ sizeMiB, partSize, concurrency, runs, results }) {
  console.log(
    `node transfer on the emulator: ${sizeMiB} MiB, ${partSize / MiB} MiB parts, concurrency ${concurrency}, median of ${runs} run(s)`,
  );
  for (const [dirn, r] of Object.entries(results)) {
    console.log(
      `  ${dirn}: encrypted ${r.mibPerSec.toFixed(0)} MiB/s vs plain ali-oss ${r.plainMibPerSec.toFixed(0)} MiB/s → ratio ${r.ratio.toFixed(3)} (goal >= 0.85); ` +
        `peak RSS encrypted ${r.peakRssMiB.toFixed(0)} MiB (goal <= 300), plain ${r.plainPeakRssMiB.toFixed(0)} MiB`,
    );
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = flags();
  console.log(`machine: ${machine()}`);
  await runChecked(async () =>
    printNodeTransfer(
      await benchNodeTransfer({
        sizeMiB: Number(args['size-mib'] ?? 1024),
        partMiB: Number(args['part-mib'] ?? 8),
        concurrency: Number(args['concurrency'] ?? 4),
        runs: Number(args['runs'] ?? 2),
      }),
    ),
  );
}
