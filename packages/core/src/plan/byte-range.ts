// Byte ranges as users write them: `start-end`, `start-` and suffix `-N` (inclusive, like HTTP).
import { OssCseError } from '../errors.js';

/** An inclusive byte range (`end` undefined = to the end), or the last `suffix` bytes. */
export type ByteRange = { readonly start: number; readonly end?: number | undefined } | { readonly suffix: number };

/**
 * Parses `"100-199"`, `"100-"`, `"-500"` (an optional `bytes=` prefix is accepted).
 * @throws OssCseError ERR_INVALID_RANGE on anything else, or when start > end.
 *
 * @example
 * ```ts
 * import { parseByteRange } from '@oss-cse/core';
 * parseByteRange('bytes=100-199'); // { start: 100, end: 199 }
 * parseByteRange('-500'); // { suffix: 500 }
 * ```
 */
export function parseByteRange(spec: string): ByteRange {
  const m = /^(?:bytes=)?\s*(\d*)\s*-\s*(\d*)\s*$/.exec(String(spec));
  if (!m || (m[1] === '' && m[2] === ''))
    throw invalid(`"${String(spec).slice(0, 60)}" is not a byte range (use START-END, START- or -LENGTH)`);
  const num = (s: string) => {
    const n = Number(s);
    if (!Number.isSafeInteger(n)) throw invalid(`"${s}" is too large for a byte offset`);
    return n;
  };
  if (m[1] === '') return { suffix: num(m[2]!) };
  const start = num(m[1]!);
  if (m[2] === '') return { start };
  const end = num(m[2]!);
  if (start > end) throw invalid(`range start ${start} is after its end ${end}`);
  return { start, end };
}

/**
 * Formats a range the way `parseByteRange` reads it.
 *
 * @example
 * ```ts
 * import { formatByteRange } from '@oss-cse/core';
 * formatByteRange({ start: 100 }); // '100-'
 * ```
 */
export function formatByteRange(r: ByteRange): string {
  return 'suffix' in r ? `-${r.suffix}` : `${r.start}-${r.end ?? ''}`;
}

/** Validates a range given as an object at the public edge. */
export function checkByteRange(r: ByteRange): ByteRange {
  const ok = (n: unknown) => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
  if ('suffix' in r) {
    if (!ok(r.suffix)) throw invalid('range suffix must be a non-negative integer');
    return r;
  }
  if (!ok(r.start) || (r.end !== undefined && !ok(r.end)))
    throw invalid('range start/end must be non-negative integers');
  if (r.end !== undefined && r.start > r.end) throw invalid(`range start ${r.start} is after its end ${r.end}`);
  return r;
}

export function invalid(message: string): OssCseError {
  return new OssCseError('ERR_INVALID_RANGE', message);
}
