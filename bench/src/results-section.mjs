// Writes one marked section of bench/RESULTS.md in place: replaces what lies between its start and end markers,
// or appends it when the file has none (the sections that come from elsewhere than the benchmark run).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

/** Replaces (or appends) `section`, which begins with `start` and ends with `end`, in `file`. */
export function writeSection({ file, start, end, section }) {
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '# oss-cse benchmark results\n';
  const a = text.indexOf(start);
  const b = text.indexOf(end);
  const next =
    a >= 0 && b > a ? text.slice(0, a) + section + text.slice(b + end.length) : `${text.trimEnd()}\n\n${section}\n`;
  writeFileSync(file, next);
}
