// CPU cost per GiB of this process (user + system, all threads incl. the libuv pool that runs WebCrypto) for
// encrypted vs plain transfers, and the emulator's share: explains ratios on a machine with few cores, where the
// client, its crypto threads and the emulator compete for the same CPUs.
import { randomFillSync } from 'node:crypto';
import { mkdtemp, open, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startEmulatorProcess } from './emulator-process.mjs';

const MiB = 1024 * 1024;
const require = createRequire(fileURLToPath(new URL('../package.json', import.meta.url)));
const load = (name) => import(pathToFileURL(require.resolve(name)).href);

async function childCpuSeconds(pid) {
  const f = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1].split(' ');
  return (Number(f[11]) + Number(f[12])) / 100; // utime + stime in clock ticks (USER_HZ = 100)
}

export async function benchCpuCost({ sizeMiB = 256, partMiB = 8, concurrency = 2 } = {}) {
  const dir = await mkdtemp(join(tmpdir(), 'oss-cse-bench-cpu-'));
  const emulator = await startEmulatorProcess({ dataDir: join(dir, 'emulator') });
  try {
    const { default: OSS } = await load('ali-oss');
    const { createClient } = await load('@oss-cse/node');
    const { Keyring, RsaMasterKey, generateRsaKeyPair } = await load('@oss-cse/core');
    const { info } = emulator;
    const src = join(dir, 'src.bin');
    const h = await open(src, 'w');
    const chunk = Buffer.allocUnsafe(8 * MiB);
    for (let off = 0; off < sizeMiB * MiB; off += chunk.length) await h.write(randomFillSync(chunk), 0, chunk.length, off);
    await h.close();
    const partSize = partMiB * MiB;
    const credentials = { accessKeyId: info.accessKeyId, accessKeySecret: info.accessKeySecret };
    const oss = new OSS({ endpoint: info.ossEndpoint, bucket: info.bucket, region: `oss-${info.region}`, ...credentials, sldEnable: true, authorizationV4: true, timeout: 600_000 });
    const client = createClient({ keyring: new Keyring(await RsaMasterKey.import({ privateKey: (await generateRsaKeyPair()).privateKey })), bucket: info.bucket, region: info.region, endpoint: info.ossEndpoint, credentials, partSize, concurrency, timeoutMs: 600_000 });
    const plainDownload = async () => {
      const out = await open(join(dir, 'plain.out'), 'w');
      let next = 0;
      const worker = async () => {
        for (let off = next; off < sizeMiB * MiB; off = next) {
          next += partSize;
          const r = await oss.get('plain.bin', { headers: { Range: `bytes=${off}-${Math.min(sizeMiB * MiB, off + partSize) - 1}` } });
          await out.write(r.content, 0, r.content.length, off);
        }
      };
      await Promise.all(Array.from({ length: concurrency }, worker));
      await out.close();
    };
    const ops = {
      'plain upload': () => oss.multipartUpload('plain.bin', src, { partSize, parallel: concurrency }),
      'encrypted upload': () => client.upload('enc.bin', src),
      'plain download': plainDownload,
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
