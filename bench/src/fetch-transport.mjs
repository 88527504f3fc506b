// The fetch transport of @oss-cse/transfer vs the Node ali-oss transport of @oss-cse/node, on the same emulator
// (child process, on disk): 64 PutObjects of 8 MiB, then 64 ranged GETs of 8 MiB (streamed and drained), 4 in
// flight, both signing V4. Prints MiB/s per transport (median of the runs, order alternating) and the ratio
// fetch / ali-oss. After each timed run, untimed, every object PUT is read back and every GET's bytes compared
// with the body (verify.mjs); a mismatch fails the run. Not part of `npm run bench` yet.
//
//   node bench/src/fetch-transport.mjs [--objects 64] [--object-mib 8] [--concurrency 4] [--runs 3]
//
// Needs the packages built (`pnpm run build`, or at least core, transfer and node).
import { randomFillSync } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startEmulatorProcess } from './emulator-process.mjs';
import { machine, median, timeIt } from './stats.mjs';
import { plainOss } from './transfer-fixture.mjs';
import { digestOf, expectSame, runChecked, verifyStored } from './verify.mjs';

const MiB = 1024 * 1024;
const require = createRequire(fileURLToPath(new URL('../package.json', import.meta.url)));
const load = (name) => import(pathToFileURL(require.resolve(name)).href);

/** Runs `task(i)` for i in [0, count), `concurrency` at a time. */
async function pool(count, concurrency, task) {
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < count; i = next++) await task(i);
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

/** The chunks of a web stream, kept (not copied) so that they are checked after the timed section. */
async function collect(stream) {
  const chunks = [];
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return chunks;
    chunks.push(value);
  }
}

export async function benchFetchTransport({ objects = 64, objectMiB = 8, concurrency = 4, runs = 3 } = {}) {
  const size = objectMiB * MiB;
  const dir = await mkdtemp(join(tmpdir(), 'oss-cse-bench-fetch-'));
  const emulator = await startEmulatorProcess({ dataDir: join(dir, 'emulator') });
  try {
    const { info } = emulator;
    const { createAliOssTransport, createFetchTransport } = await load('@oss-cse/node');
    const credentials = { accessKeyId: info.accessKeyId, accessKeySecret: info.accessKeySecret };
    const connection = { bucket: info.bucket, region: info.region, endpoint: info.ossEndpoint, timeoutMs: 600_000 };
    const transports = { fetch: createFetchTransport(connection), 'ali-oss': createAliOssTransport(connection) };
    const oss = plainOss(info);
    const body = randomFillSync(Buffer.alloc(size));
    const bytes = new Uint8Array(body.buffer, body.byteOffset, body.length);
    const expected = await digestOf([bytes]);
    const range = `bytes=0-${size - 1}`;
    const ctx = { credentials };

    // Each: what is timed, and what is checked after it.
    const ops = {};
    for (const [name, t] of Object.entries(transports)) {
      const keyOf = (i) => `bench/${name}/${i}`;
      ops[`${name} PUT`] = {
        run: () => pool(objects, concurrency, (i) => t.putObject(keyOf(i), bytes, {}, ctx)),
        check: async () => {
          for (let i = 0; i < objects; i++) await verifyStored({ figure: `${name} PUT`, oss, key: keyOf(i), expected });
        },
      };
      let got = [];
      ops[`${name} GET`] = {
        run: () =>
          pool(objects, concurrency, async (i) => {
            got[i] = await collect((await t.getObject(keyOf(i), { range }, ctx)).body);
          }),
        check: async () => {
          for (let i = 0; i < objects; i++)
            expectSame(`${name} GET`, `the ranged GET of ${keyOf(i)}`, await digestOf(got[i] ?? []), expected);
          got = [];
        },
      };
    }
    const seconds = Object.fromEntries(Object.keys(ops).map((k) => [k, []]));
    for (let run = 0; run < runs; run++) {
      const order =
        run % 2 === 0
          ? ['fetch PUT', 'ali-oss PUT', 'fetch GET', 'ali-oss GET']
          : ['ali-oss PUT', 'fetch PUT', 'ali-oss GET', 'fetch GET'];
      for (const name of order) {
        seconds[name].push(await timeIt(ops[name].run));
        await ops[name].check();
      }
    }
    for (const t of Object.values(transports)) t.close?.();
    const mibps = Object.fromEntries(Object.entries(seconds).map(([k, s]) => [k, (objects * objectMiB) / median(s)]));
    return {
      machine: machine(),
      objects,
      objectMiB,
      concurrency,
      runs,
      mibps,
      ratios: { PUT: mibps['fetch PUT'] / mibps['ali-oss PUT'], GET: mibps['fetch GET'] / mibps['ali-oss GET'] },
    };
  } finally {
    await emulator.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

export function printFetchTransport(r) {
  console.log(`fetch transport vs Node ali-oss transport (${r.machine})`);
  console.log(
    `  ${r.objects} x ${r.objectMiB} MiB, ${r.concurrency} in flight, median of ${r.runs} runs, emulator on disk in a child process`,
  );
  for (const [name, v] of Object.entries(r.mibps))
    console.log(`  ${name.padEnd(12)} ${v.toFixed(1).padStart(7)} MiB/s`);
  console.log(`  ratio fetch / ali-oss: PUT ${r.ratios.PUT.toFixed(2)}, ranged GET ${r.ratios.GET.toFixed(2)}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      objects: { type: 'string' },
      'object-mib': { type: 'string' },
      concurrency: { type: 'string' },
      runs: { type: 'string' },
    },
  });
  const num = (v, d) => (v === undefined ? d : Number(v));
  await runChecked(async () =>
    printFetchTransport(
      await benchFetchTransport({
        objects: num(values.objects, 64),
        objectMiB: num(values['object-mib'], 8),
        concurrency: num(values.concurrency, 4),
        runs: num(values.runs, 3),
      }),
    ),
  );
}
