// @oss-cse/node encrypted upload/download of a large file vs plain ali-oss transfers of the same file on the
// emulator, with the same part size and concurrency. Prints throughput ratios (goal >= 0.85) and this process's
// peak RSS during the encrypted transfers (goal <= 300 MiB). The emulator runs in a child process (on disk),
// so its memory is not counted.
//
//   node bench/src/node-transfer.mjs [--size-mib 1024] [--part-mib 8] [--concurrency 4] [--runs 2]
// or from run-all.mjs: `const r = await benchNodeTransfer({ sizeMiB: 1024 }); printNodeTransfer(r);`
//
// Needs the packages built (`pnpm run build`).
import { spawn } from 'node:child_process';
import { randomFillSync } from 'node:crypto';
import { createRequire } from 'node:module';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { machine, median, timeIt } from './stats.mjs';

const MiB = 1024 * 1024;

// Resolve the packages from packages/node, whose dependencies they are.
const nodePackage = fileURLToPath(new URL('../../packages/node/package.json', import.meta.url));
const require = createRequire(nodePackage);
const load = (name) => import(pathToFileURL(require.resolve(name)).href);

/** Starts the emulator in a child process and returns its connection facts. */
async function startEmulatorProcess(dataDir) {
  const emulatorEntry = pathToFileURL(require.resolve('@oss-cse/emulator')).href;
  const code = `
    const { startEmulator } = await import(${JSON.stringify(emulatorEntry)});
    const e = await startEmulator({ port: 0, dataDir: ${JSON.stringify(dataDir)} });
    process.stdout.write(JSON.stringify({ ossEndpoint: e.ossEndpoint, region: e.region, accessKeyId: e.accessKeyId, accessKeySecret: e.accessKeySecret, bucket: e.buckets[0] }) + '\\n');
    process.stdin.on('end', () => e.close().then(() => process.exit(0)));
    process.stdin.resume();`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', code], { stdio: ['pipe', 'pipe', 'ignore'] });
  const info = await new Promise((resolve, reject) => {
    let buf = '';
    child.stdout.on('data', (c) => {
      buf += c;
      if (buf.includes('\n')) resolve(JSON.parse(buf.split('\n')[0]));
    });
    child.once('exit', (code) => reject(new Error(`emulator exited with ${code}`)));
  });
  return { info, stop: () => child.stdin.end() };
}

/** Peak RSS of this process while `fn` runs (sampled every 20 ms). */
async function withPeakRss(fn) {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage.rss()); }, 20);
  try {
    const seconds = await timeIt(fn);
    return { seconds, peak: Math.max(peak, process.memoryUsage.rss()) };
  } finally {
    clearInterval(timer);
  }
}

async function plainRangedDownload(oss, key, size, file, partSize, concurrency) {
  const handle = await open(file, 'w');
  try {
    let next = 0;
    const worker = async () => {
      for (;;) {
        const offset = next;
        if (offset >= size) return;
        next += partSize;
        const end = Math.min(size, offset + partSize) - 1;
        const r = await oss.get(key, { headers: { Range: `bytes=${offset}-${end}` } });
        await handle.write(r.content, 0, r.content.length, offset);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
  } finally {
    await handle.close();
  }
}

/** Runs the comparison; returns throughputs, ratios and peak RSS per direction. */
export async function benchNodeTransfer({ sizeMiB = 1024, partMiB = 8, concurrency = 4, runs = 2 } = {}) {
  const partSize = partMiB * MiB;
  const dir = await mkdtemp(join(tmpdir(), 'oss-cse-bench-'));
  const emulator = await startEmulatorProcess(join(dir, 'emulator'));
  try {
    const { default: OSS } = await load('ali-oss');
    const { createClient } = await load('@oss-cse/node');
    const { Keyring, RsaMasterKey, generateRsaKeyPair } = await load('@oss-cse/core');
    const { info } = emulator;
    const src = join(dir, 'source.bin');
    {
      const h = await open(src, 'w');
      const chunk = Buffer.allocUnsafe(8 * MiB);
      for (let off = 0; off < sizeMiB * MiB; off += chunk.length) await h.write(randomFillSync(chunk), 0, chunk.length, off);
      await h.close();
    }
    const size = sizeMiB * MiB;
    const credentials = { accessKeyId: info.accessKeyId, accessKeySecret: info.accessKeySecret };
    const oss = new OSS({ endpoint: info.ossEndpoint, bucket: info.bucket, region: `oss-${info.region}`, ...credentials, sldEnable: true, authorizationV4: true, timeout: 600_000 });
    const { privateKey } = await generateRsaKeyPair({ bits: 2048 });
    const keyring = new Keyring(await RsaMasterKey.import({ privateKey }));
    const client = createClient({ keyring, bucket: info.bucket, region: info.region, endpoint: info.ossEndpoint, credentials, partSize, concurrency, timeoutMs: 600_000 });

    const ops = {
      'plain upload': () => oss.multipartUpload('plain.bin', src, { partSize, parallel: concurrency }),
      'encrypted upload': () => client.upload('enc.bin', src),
      'plain download': () => plainRangedDownload(oss, 'plain.bin', size, join(dir, 'plain.out'), partSize, concurrency),
      'encrypted download': () => client.download('enc.bin', join(dir, 'enc.out')),
    };
    const seconds = Object.fromEntries(Object.keys(ops).map((k) => [k, []]));
    const peaks = Object.fromEntries(Object.keys(ops).map((k) => [k, 0]));
    for (let run = 0; run < runs; run++) {
      // Alternate the order so neither side always runs on a warmer (or fuller) emulator.
      const order = run % 2 === 0 ? Object.keys(ops) : ['encrypted upload', 'plain upload', 'encrypted download', 'plain download'];
      for (const name of order) {
        const r = await withPeakRss(ops[name]);
        seconds[name].push(r.seconds);
        peaks[name] = Math.max(peaks[name], r.peak);
      }
    }
    client.close();
    const rate = (name) => sizeMiB / median(seconds[name]);
    const results = {};
    for (const dirn of ['upload', 'download']) {
      const plain = rate(`plain ${dirn}`);
      const encrypted = rate(`encrypted ${dirn}`);
      results[dirn] = { mibPerSec: encrypted, plainMibPerSec: plain, ratio: encrypted / plain, peakRssMiB: peaks[`encrypted ${dirn}`] / MiB, plainPeakRssMiB: peaks[`plain ${dirn}`] / MiB };
    }
    return { sizeMiB, partSize, concurrency, runs, results };
  } finally {
    emulator.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

/** Prints the report of {@link benchNodeTransfer}. */
export function printNodeTransfer({ sizeMiB, partSize, concurrency, runs, results }) {
  console.log(`node transfer on the emulator: ${sizeMiB} MiB, ${partSize / MiB} MiB parts, concurrency ${concurrency}, median of ${runs} run(s)`);
  for (const [dirn, r] of Object.entries(results)) {
    console.log(
      `  ${dirn}: encrypted ${r.mibPerSec.toFixed(0)} MiB/s vs plain ali-oss ${r.plainMibPerSec.toFixed(0)} MiB/s → ratio ${r.ratio.toFixed(3)} (goal >= 0.85); ` +
        `peak RSS encrypted ${r.peakRssMiB.toFixed(0)} MiB (goal <= 300), plain ${r.plainPeakRssMiB.toFixed(0)} MiB`,
    );
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = Object.fromEntries(process.argv.slice(2).join(' ').split('--').filter(Boolean).map((a) => a.trim().split(/\s+/)));
  console.log(`machine: ${machine()}`);
  printNodeTransfer(await benchNodeTransfer({
    sizeMiB: Number(args['size-mib'] ?? 1024), partMiB: Number(args['part-mib'] ?? 8),
    concurrency: Number(args['concurrency'] ?? 4), runs: Number(args['runs'] ?? 2),
  }));
}
