// Remembers which counter blocks an encryptor has used, so the same (key, counter) never encrypts twice.
import { OssCseError } from '../errors.js';

/** A sorted set of disjoint half-open byte intervals. */
export class UsedRanges {
  readonly #ranges: Array<[number, number]> = [];

  /** Claims [start, end); throws ERR_COUNTER_REUSE when any byte of it was claimed before. */
  claim(start: number, end: number): void {
    if (end <= start) return;
    const r = this.#ranges;
    let lo = 0;
    let hi = r.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (r[mid]![1] <= start) lo = mid + 1;
      else hi = mid;
    }
    const next = r[lo];
    if (next && next[0] < end) {
      throw new OssCseError(
        'ERR_COUNTER_REUSE',
        `bytes ${start}-${end - 1} overlap bytes already encrypted under this data key; resend the ciphertext you have, or start a new object`,
      );
    }
    const prev = r[lo - 1];
    if (prev && prev[1] === start) {
      prev[1] = end;
      if (next && next[0] === end) {
        prev[1] = next[1];
        r.splice(lo, 1);
      }
    } else if (next && next[0] === end) {
      next[0] = start;
    } else {
      r.splice(lo, 0, [start, end]);
    }
  }

  get size(): number {
    return this.#ranges.length;
  }
}
