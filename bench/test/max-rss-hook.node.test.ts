// The batch benchmark's peak-RSS hook measures the child it is loaded into, not the process that spawned it: the full
// `npm run bench` once reported 1,005 MiB for `cp -r` of 1,000 small files because getrusage's maxRSS carried the
// parent's RSS across exec.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, expect, it } from 'vitest';

const HOOK = pathToFileURL(fileURLToPath(new URL('../src/max-rss-hook.mjs', import.meta.url))).href;
const dir = await mkdtemp(join(tmpdir(), 'oss-cse-rss-hook-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

/** Peak RSS (MiB) the hook writes for a child that allocates `mib` MiB. */
async function childPeak(mib: number): Promise<number> {
  const file = join(dir, `rss-${mib}`);
  const code = `globalThis.keep = Buffer.alloc(${mib} * 1024 * 1024, 1);`;
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', HOOK, '-e', code], {
      env: { ...process.env, BENCH_RSS_FILE: file },
      stdio: 'ignore',
    });
    child.on('error', reject);
    child.on('exit', (c) => (c === 0 ? resolve() : reject(new Error(`child exited with ${c}`))));
  });
  return Number(await readFile(file, 'utf8')) / 1024;
}

it("reports the child's own peak, not its parent's RSS", { timeout: 60_000 }, async () => {
  // This process holds 600 MiB while it spawns the children.
  const ballast = Buffer.alloc(600 * 1024 * 1024, 1);
  const small = await childPeak(8);
  const large = await childPeak(200);
  expect(ballast[ballast.length - 1]).toBe(1);
  expect(small).toBeLessThan(300);
  expect(large).toBeGreaterThan(200);
  expect(large).toBeLessThan(600);
});
