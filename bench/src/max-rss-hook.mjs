// Loaded with `node --import` into a measured child process: writes its peak RSS (KiB) to $BENCH_RSS_FILE when it
// exits, and with $BENCH_HEAP_FILE (and --expose-gc) its live V8 heap after a full collection (bytes): what the
// program still holds, apart from the garbage V8 had not collected yet and the young generation it had grown.
// On Linux the peak RSS is VmHWM of /proc/self/status, the high-water mark of this program's own memory: getrusage's
// maxRSS survives exec, so a child of a large parent (run-all after the Chromium benchmarks: 1-1.5 GiB) would report
// the parent's RSS at the moment it was spawned. Elsewhere, getrusage.
import { readFileSync, writeFileSync } from 'node:fs';
import { getHeapStatistics } from 'node:v8';

/** Peak resident memory of this process in KiB. */
export function peakRssKiB() {
  try {
    const hwm = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (hwm) return Number(hwm[1]);
  } catch {
    // No procfs: getrusage below.
  }
  return process.resourceUsage().maxRSS;
}

process.on('exit', () => {
  if (process.env.BENCH_RSS_FILE) writeFileSync(process.env.BENCH_RSS_FILE, String(peakRssKiB()));
  if (process.env.BENCH_HEAP_FILE && typeof globalThis.gc === 'function') {
    globalThis.gc();
    writeFileSync(process.env.BENCH_HEAP_FILE, String(getHeapStatistics().used_heap_size));
  }
});
