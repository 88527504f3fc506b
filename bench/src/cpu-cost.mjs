// CPU cost per GiB of this process (user + system, all threads incl. the libuv pool that runs WebCrypto) for
// encrypted vs plain transfers, and the emulator's share: explains ratios on a machine with few cores, where the
// client, its crypto threads and the emulator compete for the same CPUs.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmulatorProcess } from './emulator-process.mjs';
import { plainRangedDownload, transferClients, writeRandomFile } from './transfer-fixture.mjs';

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
    await writeRandomFile(src, sizeMiB);
    const partSize = partMiB * MiB;
    const { oss, client } = await transferClients(info, { partSize, concurrency });
    const ops = {
      'plain upload': () => oss.multipartUpload('plain.bin', src, { partSize, parallel: concurrency }),
      'encrypted upload': () => client.upload('enc.bin', src),
      'plain download': () => plainRangedDownload(oss, 'plain.bin', sizeMiB * MiB, join(dir, 'plain.out'), partSize, concurrency),
      'encrypted download': () => client.download('enc.bin', join(dir, 'enc.out')),
    };
    const out = {};
    for (const [name, fn] of Object.entries(ops)) {
      const c0 = process.cpuUsage();
      const e0 = await childCpuSeconds(emulator.pid);
      const t0 = performance.now();
      await fn();
      const wall = (performance.now() - t0) / 1000;
      const c = process.cpuUsage(c0);
      const gib = sizeMiB / 1024;
      out[name] = { clientCpuPerGiB: (c.user + c.system) / 1e6 / gib, emulatorCpuPerGiB: ((await childCpuSeconds(emulator.pid)) - e0) / gib, wallPerGiB: wall / gib };
    }
    client.close();
    return { sizeMiB, partMiB, concurrency, results: out };
  } finally {
    await emulator.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) console.log(JSON.stringify(await benchCpuCost(), null, 1));
