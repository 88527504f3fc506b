// Batch upload: `oss-cse cp -r` of a tree of many small files (4 KiB) against plain ali-oss puts of the same files
// with the same number of requests in flight, both as child processes against one emulator (its own process),
// runs alternating, medians; and the peak RSS of `cp -r` with 1,000 and with the full count of files (flat: the
// walk is streamed, the journal appended). After each timed `cp -r`, untimed, `oss-cse verify` proves every
// object holds its file (no download: CRC-64 of the re-encrypted file), and the plain puts' objects are counted
// and sampled.
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startEmulatorProcess } from './emulator-process.mjs';
import { runMeasured } from './measured-child.mjs';
import { median } from './stats.mjs';
import { plainOss } from './transfer-fixture.mjs';
import { BenchCheckError, digestOf, expectSame, storedDigest } from './verify.mjs';

const require = createRequire(fileURLToPath(new URL('../package.json', import.meta.url)));
const load = (name) => import(pathToFileURL(require.resolve(name)).href);
const CLI = fileURLToPath(new URL('../../packages/node/dist/cli/main.js', import.meta.url));
const PLAIN = fileURLToPath(new URL('./plain-put-tree.mjs', import.meta.url));
const FILE_BYTES = 4096;

/** A tree of `count` files of 4 KiB, 100 per folder. */
async function makeTree(root, count) {
  for (let i = 0; i < count; i++) {
    const dir = join(root, `d${String(Math.floor(i / 100)).padStart(3, '0')}`);
    if (i % 100 === 0) await mkdir(dir, { recursive: true });
    await writeFile(join(dir, `f${String(i).padStart(5, '0')}.bin`), randomBytes(FILE_BYTES));
  }
}

export async function benchBatchCopy({ files = 10_000, smallFiles = 1_000, jobs = 16, runs = 3 } = {}) {
  const work = await mkdtemp(join(tmpdir(), 'oss-cse-bench-batch-'));
  const emulator = await startEmulatorProcess();
  const { info } = emulator;
  const { generateRsaKeyPair, exportPrivateKeyPem, RsaMasterKey } = await load('@oss-cse/core');
  try {
    const tree = join(work, 'tree');
    const small = join(work, 'small');
    await makeTree(tree, files);
    await makeTree(small, smallFiles);
    const { privateKey } = await generateRsaKeyPair({ bits: 2048 });
    const pem = join(work, 'key.pem');
    await writeFile(pem, await exportPrivateKeyPem(privateKey));
    const keyring = await RsaMasterKey.import({ privateKey });
    const env = {
      OSS_ENDPOINT: info.ossEndpoint,
      OSS_REGION: info.region,
      OSS_ACCESS_KEY_ID: info.accessKeyId,
      OSS_ACCESS_KEY_SECRET: info.accessKeySecret,
      HOME: work,
    };
    const oss = plainOss(info);
    const figure = `cp -r ${files} × 4 KiB`;
    const cp = async (dir, prefix) => {
      const args = [CLI, 'cp', '-r', dir, `oss://${info.bucket}/${prefix}/`, '--private-key', pem];
      const r = await runMeasured([...args, '--jobs', String(jobs), '--json'], env, join(work, 'rss'), {
        liveHeap: true,
      });
      const summary = JSON.parse(r.stdout);
      if (summary.counts.uploaded !== (dir === tree ? files : smallFiles) || summary.failures.length > 0)
        throw new BenchCheckError(figure, `cp -r reported ${JSON.stringify(summary.counts)}`);
      return r;
    };
    const verify = async (dir, prefix) => {
      const args = [CLI, 'verify', dir, `oss://${info.bucket}/${prefix}/`, '--private-key', pem, '--json'];
      const r = await runMeasured([...args, '--jobs', String(jobs)], env, join(work, 'rss')).catch((e) => {
        throw new BenchCheckError(figure, `verify failed: ${e.message}`);
      });
      const summary = JSON.parse(r.stdout);
      if (summary.counts.verified !== (dir === tree ? files : smallFiles))
        throw new BenchCheckError(figure, `verify reported ${JSON.stringify(summary.counts)}`);
      // And one object decrypted independently of the library's read path.
      const key = `${prefix}/d000/f00000.bin`;
      expectSame(
        figure,
        key,
        await storedDigest(oss, key, { keyring }),
        await digestOf([await readFile(join(dir, 'd000/f00000.bin'))]),
      );
    };
    const plain = async (prefix, dir = tree) => {
      const args = [PLAIN, dir, prefix, String(jobs)];
      const r = await runMeasured(args, { ...env, OSS_BUCKET: info.bucket }, join(work, 'rss'));
      const listed = await oss.listV2({ prefix: `${prefix}/`, 'max-keys': 1000 });
      const last = `${prefix}/d${String(Math.floor((files - 1) / 100)).padStart(3, '0')}/f${String(files - 1).padStart(5, '0')}.bin`;
      const name = last.slice(prefix.length + 1);
      if (dir !== tree) return r;
      expectSame(
        `${figure}, plain ali-oss`,
        last,
        await storedDigest(oss, last),
        await digestOf([await readFile(join(tree, name))]),
      );
      if ((listed.objects ?? []).length === 0) throw new BenchCheckError(`${figure}, plain ali-oss`, 'nothing listed');
      return r;
    };
    const ours = [];
    const base = [];
    const rss = [];
    const heap = [];
    const plainRss = [];
    for (let run = 0; run < runs; run++) {
      const p = await plain(`plain-${run}`);
      base.push(p.seconds);
      plainRss.push(p.peakRssMiB);
      const c = await cp(tree, `enc-${run}`);
      ours.push(c.seconds);
      rss.push(c.peakRssMiB);
      heap.push(c.liveHeapMiB);
      await verify(tree, `enc-${run}`);
    }
    const smallRss = [];
    const smallHeap = [];
    const smallPlainRss = [];
    for (let run = 0; run < runs; run++) {
      const c = await cp(small, `small-${run}`);
      smallRss.push(c.peakRssMiB);
      smallHeap.push(c.liveHeapMiB);
      smallPlainRss.push((await plain(`plain-small-${run}`, small)).peakRssMiB);
    }
    const cpSeconds = median(ours);
    const plainSeconds = median(base);
    return {
      files,
      smallFiles,
      fileBytes: FILE_BYTES,
      jobs,
      runs,
      filesPerSec: files / cpSeconds,
      plainFilesPerSec: files / plainSeconds,
      ratio: plainSeconds / cpSeconds,
      peakRssMiB: median(rss),
      smallPeakRssMiB: median(smallRss),
      rssRatio: median(rss) / median(smallRss),
      liveHeapMiB: median(heap),
      smallLiveHeapMiB: median(smallHeap),
      plainPeakRssMiB: median(plainRss),
      smallPlainPeakRssMiB: median(smallPlainRss),
    };
  } finally {
    await emulator.stop();
    await rm(work, { recursive: true, force: true });
  }
}
