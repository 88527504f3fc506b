// The lean-memory target for Node: a 1 GiB file uploaded and downloaded at 8 MiB parts × 2, each transfer in
// a fresh process (node-memory-op.mjs, or the `oss-cse` CLI's `put` / `get`) whose peak RSS is its own (VmHWM,
// max-rss-hook.mjs): the @oss-cse/node client, the CLI, and plain ali-oss (multipartUpload, ranged GETs written at
// their offsets) as the baseline, each process loading only its own code (never the emulator, which runs in its own
// process). Runs alternate the order; rates are medians, peaks the largest of the runs. After each transfer,
// untimed, what it moved is checked (verify.mjs): a mismatch throws BenchCheckError naming the figure.
//
//   node bench/src/node-memory.mjs [--size-mib 1024] [--part-mib 8] [--concurrency 2] [--runs 1]
// or from run-all.mjs: `printNodeMemory(await benchNodeMemory({ sizeMiB: 1024 }))`.
//
// Needs the packages built (`pnpm run build`): the CLI runs from packages/node/dist.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startEmulatorProcess } from './emulator-process.mjs';
import { flags, runMeasured } from './measured-child.mjs';
import { GOALS } from './figures.mjs';
import { machine, median } from './stats.mjs';
import { plainOss } from './plain-oss.mjs';
import { writeRandomFile } from './transfer-fixture.mjs';
import { runChecked, verifyFile, verifyStored } from './verify.mjs';

const MiB = 1024 * 1024;
const require = createRequire(fileURLToPath(new URL('../package.json', import.meta.url)));
const load = (name) => import(pathToFileURL(require.resolve(name)).href);
const CLI = fileURLToPath(new URL('../../packages/node/dist/cli/main.js', import.meta.url));
const OP = fileURLToPath(new URL('./node-memory-op.mjs', import.meta.url));

/** The transferring sides, in the order of the report. */
export const SIDES = ['client', 'cli', 'plain'];

/** Runs the comparison; returns per side and direction the median rate and the largest peak RSS. */
export async function benchNodeMemory({ sizeMiB = 1024, partMiB = 8, concurrency = 2, runs = 1 } = {}) {
  const partSize = partMiB * MiB;
  const dir = await mkdtemp(join(tmpdir(), 'oss-cse-bench-mem-'));
  const emulator = await startEmulatorProcess({ dataDir: join(dir, 'emulator') });
  try {
    const { info } = emulator;
    const src = join(dir, 'source.bin');
    const source = await writeRandomFile(src, sizeMiB);
    const { generateRsaKeyPair, exportPrivateKeyPem, RsaMasterKey } = await load('@oss-cse/core');
    const { privateKey } = await generateRsaKeyPair({ bits: 2048 });
    const keyFile = join(dir, 'key.pem');
    await writeFile(keyFile, await exportPrivateKeyPem(privateKey), { mode: 0o600 });
    const keyring = await RsaMasterKey.import({ privateKey });
    const oss = plainOss(info);
    const env = {
      OSS_ENDPOINT: info.ossEndpoint,
      OSS_REGION: info.region,
      OSS_ACCESS_KEY_ID: info.accessKeyId,
      OSS_ACCESS_KEY_SECRET: info.accessKeySecret,
      HOME: dir,
    };
    const rssFile = join(dir, 'rss');
    const out = join(dir, 'out.bin');
    const settings = {
      endpoint: info.ossEndpoint,
      region: info.region,
      bucket: info.bucket,
      partSize,
      concurrency,
      keyFile,
    };
    const op = async (name, o) => {
      const r = await runMeasured([OP, name], { ...env, BENCH_OP: JSON.stringify({ ...settings, ...o }) }, rssFile);
      return { seconds: JSON.parse(r.stdout).seconds, peakRssMiB: r.peakRssMiB };
    };
    const cli = async (...args) => {
      const flags = ['--private-key', keyFile, '--part-size', `${partMiB}MiB`, '--concurrency', String(concurrency)];
      const r = await runMeasured([CLI, ...args, ...flags, '--no-progress', '--json'], env, rssFile);
      return { seconds: r.seconds, peakRssMiB: r.peakRssMiB };
    };
    const url = (key) => `oss://${info.bucket}/${key}`;
    const what = { client: '@oss-cse/node client', cli: 'oss-cse CLI', plain: 'plain ali-oss' };
    const transfers = {
      upload: {
        client: () => op('client-upload', { key: 'client.bin', file: src }),
        cli: () => cli('put', src, url('cli.bin')),
        plain: () => op('plain-upload', { key: 'plain.bin', file: src }),
      },
      download: {
        client: () => op('client-download', { key: 'client.bin', file: out }),
        cli: () => cli('get', url('cli.bin'), out),
        plain: () => op('plain-download', { key: 'plain.bin', file: out, size: source.length }),
      },
    };
    const check = {
      upload: (side) =>
        verifyStored({
          figure: `Node ${what[side]} upload (fresh process)`,
          oss,
          key: `${side}.bin`,
          keyring: side === 'plain' ? undefined : keyring,
          expected: source,
        }),
      download: async (side) => {
        await verifyFile({ figure: `Node ${what[side]} download (fresh process)`, path: out, expected: source });
        await rm(out, { force: true });
      },
    };
    // The floor: a Node process that loads nothing, and one with the client made that transfers nothing.
    const floor = { empty: [], idle: [] };
    for (let run = 0; run < runs; run++) {
      floor.empty.push((await op('empty', {})).peakRssMiB);
      floor.idle.push((await op('client-idle', {})).peakRssMiB);
    }
    const measured = { upload: {}, download: {} };
    for (const dirn of ['upload', 'download']) for (const side of SIDES) measured[dirn][side] = [];
    for (let run = 0; run < runs; run++) {
      // Alternate the order so that no side always runs on a warmer (or fuller) emulator.
      const order = run % 2 === 0 ? SIDES : [...SIDES].reverse();
      for (const dirn of ['upload', 'download']) {
        for (const side of order) {
          measured[dirn][side].push(await transfers[dirn][side]());
          await check[dirn](side);
        }
      }
    }
    const results = {};
    for (const dirn of ['upload', 'download']) {
      results[dirn] = {};
      for (const side of SIDES) {
        const m = measured[dirn][side];
        results[dirn][side] = {
          mibPerSec: sizeMiB / median(m.map((x) => x.seconds)),
          peakRssMiB: Math.max(...m.map((x) => x.peakRssMiB)),
        };
      }
    }
    const baseline = { emptyRssMiB: Math.max(...floor.empty), clientIdleRssMiB: Math.max(...floor.idle) };
    return { sizeMiB, partSize, concurrency, runs, baseline, results };
  } finally {
    await emulator.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

/** Prints the report of {@link benchNodeMemory}. */
export function printNodeMemory({ sizeMiB, partSize, concurrency, runs, baseline, results }) {
  console.log(
    `node memory (each transfer in a fresh process): ${sizeMiB} MiB, ${partSize / MiB} MiB parts × ${concurrency}, ${runs} run(s)`,
  );
  console.log(
    `  floor: empty Node process ${baseline.emptyRssMiB.toFixed(0)} MiB; client made, nothing transferred ${baseline.clientIdleRssMiB.toFixed(0)} MiB`,
  );
  for (const [dirn, r] of Object.entries(results)) {
    const line = SIDES.map((s) => `${s} ${r[s].peakRssMiB.toFixed(0)} MiB, ${r[s].mibPerSec.toFixed(0)} MiB/s`);
    console.log(
      `  ${dirn}: ${line.join('; ')} (goal <= ${GOALS.nodeLeanRssMiB.value} MiB; client/plain ${(r.client.mibPerSec / r.plain.mibPerSec).toFixed(2)})`,
    );
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = flags();
  console.log(`machine: ${machine()}`);
  await runChecked(async () =>
    printNodeMemory(
      await benchNodeMemory({
        sizeMiB: Number(args['size-mib'] ?? 1024),
        partMiB: Number(args['part-mib'] ?? 8),
        concurrency: Number(args['concurrency'] ?? 2),
        runs: Number(args['runs'] ?? 1),
      }),
    ),
  );
}
