// CPU cost per GiB of this process (user + system, all threads incl. the libuv pool that runs WebCrypto) for
// encrypted vs plain transfers, and the emulator's share: explains ratios on a machine with few cores, where the
// client, its crypto threads and the emulator compete for the same CPUs. Each transfer is checked after its
// measurement (transferOps).
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmulatorProcess } from './emulator-process.mjs';
import { transferClients, transferOps, writeRandomFile } from './transfer-fixture.mjs';

const MiB = 1024 * 1024;

async function childCpuSeconds(pid) {
  const f = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1].split(' ');
  return (Number(f[11]) + Number(f[12])) / 100; // utime + stime in clock ticks (USER_HZ = 100)
}

export async function benchCpuCost({ sizeMiB = 256, partMiB = 8, concurrency = 2 } = {}) {
  const dir = await mkdtemp(join(tmpdir(), 'oss-cse-bench-cpu-'));
  const emulator = await startEmulatorProcess({ dataDir: join(dir, 'emulator') });
  try {
    const { info } = emulator;
    const src = join(dir, 'src.bin');
    const source = await writeRandomFile(src, sizeMiB);
    const partSize = partMiB * MiB;
    const { oss, client, keyring } = await transferClients(info, { partSize, concurrency });
    const ops = transferOps({ oss, client, keyring, src, source, dir, partSize, concurrency });
    const out = {};
    for (const [name, op] of Object.entries(ops)) {
      const c0 = process.cpuUsage();
      const e0 = await childCpuSeconds(emulator.pid);
      const t0 = performance.now();
      await op.run();
      const wall = (performance.now() - t0) / 1000;
      const c = process.cpuUsage(c0);
      const gib = sizeMiB / 1024;
      const clientCpuPerGiB = (c.user + c.system) / 1e6 / gib;
      const emulatorCpuPerGiB = ((await childCpuSeconds(emulator.pid)) - e0) / gib;
      // How many cores client and emulator kept busy on average (CPU seconds over wall seconds).
      out[name] = {
        clientCpuPerGiB,
        emulatorCpuPerGiB,
        wallPerGiB: wall / gib,
        coresBusy: (clientCpuPerGiB + emulatorCpuPerGiB) / (wall / gib),
      };
      await op.check();
    }
    client.close();
    // What encryption adds to the client's CPU per GiB, per direction.
    const added = (dirn) => out[`encrypted ${dirn}`].clientCpuPerGiB - out[`plain ${dirn}`].clientCpuPerGiB;
    return {
      sizeMiB,
      partMiB,
      concurrency,
      results: out,
      addedClientCpuPerGiB: { upload: added('upload'), download: added('download') },
    };
  } finally {
    await emulator.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1])
  console.log(JSON.stringify(await benchCpuCost(), null, 1));
