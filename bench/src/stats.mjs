// Timing helpers: medians of several runs, and a machine description for the report.
import os from 'node:os';
import { median } from './median.mjs';

export async function timeIt(fn) {
  const t0 = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

export { median } from './median.mjs';

/** Runs baseline and candidate alternately `runs` times (after one warm-up each); returns medians in seconds. */
export async function compare({ runs = 5, baseline, candidate }) {
  await baseline();
  await candidate();
  const b = [];
  const c = [];
  for (let i = 0; i < runs; i++) {
    b.push(await timeIt(baseline));
    c.push(await timeIt(candidate));
  }
  return { baseline: median(b), candidate: median(c), ratio: median(b) / median(c) };
}

export function machine() {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  return `${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`;
}
