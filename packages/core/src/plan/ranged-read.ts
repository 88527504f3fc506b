// Ranged reads of encrypted objects (docs/format.md §4): the aligned range to ask the server for, and what to do
// with the bytes it actually returns (counter offset and discard from the real Content-Range).
import { OssCseError } from '../errors.js';
import { AES_BLOCK } from '../cipher/counter.js';
import { checkByteRange, invalid, parseByteRange, type ByteRange } from './byte-range.js';

/** The request side of a ranged read. */
export interface RangedReadPlan {
  /** First plaintext byte wanted. */
  readonly start: number;
  /** Last plaintext byte wanted (inclusive), or undefined for "to the end". */
  readonly end: number | undefined;
  /** `start` rounded down to a multiple of 16. */
  readonly alignedStart: number;
  /** The HTTP `Range` header to send, e.g. `bytes=992-1000`. */
  readonly rangeHeader: string;
}

/** How to turn one server response into the wanted plaintext. */
export interface RangedReadResponsePlan {
  /** Object offset of the first returned byte (the counter position; a multiple of 16). */
  readonly counterOffset: number;
  /** Bytes to drop from the start of the decrypted response. */
  readonly discard: number;
  /** Plaintext bytes to keep after discarding (undefined = everything that follows). */
  readonly length: number | undefined;
  /** The object's total size when the server told it. */
  readonly totalSize: number | undefined;
}

/**
 * Plans the request for a range. A suffix range needs the object size (HEAD first): every SDK decrypts
 * suffix ranges wrongly, so we resolve them to absolute ranges instead.
 *
 * @example
 * ```ts
 * import { planRangedRead } from '@oss-cse/core';
 * planRangedRead('1000-1000').rangeHeader; // 'bytes=992-1000'
 * ```
 */
export function planRangedRead(range: ByteRange | string, objectSize?: number): RangedReadPlan {
  const r = typeof range === 'string' ? parseByteRange(range) : checkByteRange(range);
  let start: number;
  let end: number | undefined;
  if ('suffix' in r) {
    if (objectSize === undefined)
      throw invalid('a suffix range (-N) needs the object size: read the object metadata first');
    if (r.suffix === 0 || objectSize === 0)
      throw invalid(`range -${r.suffix} is not satisfiable for an object of ${objectSize} bytes`);
    start = Math.max(0, objectSize - r.suffix);
    end = objectSize - 1;
  } else {
    start = r.start;
    end = r.end;
  }
  if (objectSize !== undefined) {
    if (start >= objectSize) throw invalid(`range start ${start} is beyond the object's ${objectSize} bytes`);
    if (end !== undefined && end >= objectSize) end = objectSize - 1;
  }
  const alignedStart = start - (start % AES_BLOCK);
  return { start, end, alignedStart, rangeHeader: `bytes=${alignedStart}-${end ?? ''}` };
}

/**
 * Plans decryption of a response from its `Content-Range` (null when the server ignored the range and sent
 * the whole object, as OSS does by default for an invalid range).
 *
 * @example
 * ```ts
 * import { planRangedRead, planRangeResponse } from '@oss-cse/core';
 * const plan = planRangedRead('1000-1999');
 * const { counterOffset, discard } = planRangeResponse(plan, 'bytes 992-1999/5000');
 * // decrypt from counterOffset, then drop `discard` bytes (8)
 * ```
 */
export function planRangeResponse(
  plan: RangedReadPlan,
  contentRange: string | null | undefined,
): RangedReadResponsePlan {
  if (contentRange === null || contentRange === undefined || contentRange === '') {
    // Whole object from byte 0: decrypt from the IV and cut the wanted bytes out.
    return {
      counterOffset: 0,
      discard: plan.start,
      length: plan.end === undefined ? undefined : plan.end - plan.start + 1,
      totalSize: undefined,
    };
  }
  const { first, last, total } = parseContentRange(contentRange);
  if (first % AES_BLOCK !== 0) throw badContentRange(`Content-Range starts at ${first}, which is not 16-aligned`);
  if (last < first || (total !== undefined && last >= total))
    throw badContentRange(`inconsistent Content-Range "${contentRange}"`);
  if (first > plan.start || last < plan.start) {
    throw badContentRange(`Content-Range ${first}-${last} does not contain the requested start ${plan.start}`);
  }
  const wantedEnd = plan.end === undefined ? (total === undefined ? last : total - 1) : plan.end;
  if (last < Math.min(wantedEnd, total === undefined ? wantedEnd : total - 1)) {
    throw badContentRange(`Content-Range ${first}-${last} ends before the requested end ${wantedEnd}`);
  }
  return {
    counterOffset: first,
    discard: plan.start - first,
    length: Math.min(wantedEnd, last) - plan.start + 1,
    totalSize: total,
  };
}

/**
 * Plans the decryption of an answer to a ranged read of `range`: the range planned again with the object size the
 * answer shows (its Content-Range's total, else `size`; a start beyond the end is ERR_INVALID_RANGE), then from the
 * answer's own Content-Range (absent: the whole object from byte 0).
 *
 * @example
 * ```ts
 * import { planRangeAnswer, sliceRangeAnswer } from '@oss-cse/core';
 * declare const decrypted: Uint8Array; // the answer's bytes decrypted from the plan's counterOffset
 * const plan = planRangeAnswer({ start: 1000, end: 1999 }, 'bytes 992-1999/5000');
 * const wanted = sliceRangeAnswer(decrypted, plan); // bytes 1000-1999
 * ```
 */
export function planRangeAnswer(
  range: ByteRange | string,
  contentRange: string | null | undefined,
  size?: number,
): RangedReadResponsePlan {
  const total = contentRange ? parseContentRange(contentRange).total : size;
  return planRangeResponse(planRangedRead(range, total), contentRange);
}

/**
 * The wanted bytes of an answer's plaintext decrypted from `plan.counterOffset` (a view, no copy).
 *
 * @example
 * ```ts
 * import { planRangeAnswer, sliceRangeAnswer } from '@oss-cse/core';
 * sliceRangeAnswer(new Uint8Array(32), planRangeAnswer({ start: 8, end: 11 }, 'bytes 0-31/32')).length; // 4
 * ```
 */
export function sliceRangeAnswer(plaintext: Uint8Array, plan: RangedReadResponsePlan): Uint8Array {
  return plaintext.subarray(plan.discard, plan.length === undefined ? undefined : plan.discard + plan.length);
}

/**
 * Parses `bytes FIRST-LAST/TOTAL` (TOTAL may be `*`).
 *
 * @example
 * ```ts
 * import { parseContentRange } from '@oss-cse/core';
 * parseContentRange('bytes 0-99/5000'); // { first: 0, last: 99, total: 5000 }
 * ```
 */
export function parseContentRange(contentRange: string): { first: number; last: number; total: number | undefined } {
  const m = /^bytes\s+(\d{1,16})-(\d{1,16})\/(\d{1,16}|\*)$/.exec(String(contentRange).trim());
  if (!m) throw badContentRange(`malformed Content-Range "${String(contentRange).slice(0, 80)}"`);
  return { first: Number(m[1]), last: Number(m[2]), total: m[3] === '*' ? undefined : Number(m[3]) };
}

function badContentRange(message: string): OssCseError {
  return new OssCseError('ERR_BAD_CONTENT_RANGE', message);
}
