// A benchmark's child Node process measured from outside: wall time, and its own peak RSS written by max-rss-hook.mjs
// (loaded with --import) when it exits, and its stdout. Used where a figure is one process's memory (`cp -r`, and
// each transfer of node-memory.mjs).
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';

const RSS_HOOK = pathToFileURL(fileURLToPath(new URL('./max-rss-hook.mjs', import.meta.url))).href;

/**
 * Runs `node args` with the peak-RSS hook (into `rssFile`); resolves with wall seconds, peak RSS (MiB), stdout, and
 * with `liveHeap` the child's live V8 heap after a full collection at exit (MiB; the child runs with --expose-gc).
 */
export function runMeasured(args, env, rssFile, { liveHeap = false } = {}) {
  const heapFile = `${rssFile}.heap`;
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [...(liveHeap ? ['--expose-gc'] : []), '--import', RSS_HOOK, ...args], {
      env: { ...process.env, ...env, BENCH_RSS_FILE: rssFile, ...(liveHeap ? { BENCH_HEAP_FILE: heapFile } : {}) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (err += c));
    child.on('error', reject);
    child.on('close', async (code) => {
      const seconds = (performance.now() - t0) / 1000;
      if (code !== 0)
        return reject(new Error(`${args.slice(0, 2).join(' ')} exited with ${code}: ${err.slice(0, 500)}`));
      const peakRssMiB = Number(await readFile(rssFile, 'utf8')) / 1024;
      const liveHeapMiB = liveHeap ? Number(await readFile(heapFile, 'utf8')) / 1024 / 1024 : undefined;
      resolve({ seconds, peakRssMiB, liveHeapMiB, stdout: out });
    });
  });
}

/** `--name value` flags of a benchmark script's command line, as an object (`{ 'size-mib': '1024' }`). */
export function flags(argv = process.argv.slice(2)) {
  return Object.fromEntries(
    argv
      .join(' ')
      .split('--')
      .filter(Boolean)
      .map((a) => a.trim().split(/\s+/)),
  );
}
