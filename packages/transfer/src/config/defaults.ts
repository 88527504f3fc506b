// The one set of transfer defaults, for every runtime.
import type { RetryOptions } from '@oss-cse/core';

/** Part size of multipart uploads and of ranged downloads: 8 MiB. */
export const DEFAULT_PART_SIZE = 8 * 1024 * 1024;
/** Parts (or ranges) in flight per transfer. */
export const DEFAULT_CONCURRENCY = 4;
/** Objects up to this size go in one PutObject (one part). */
export const DEFAULT_MULTIPART_THRESHOLD = DEFAULT_PART_SIZE;
/** Bytes per ranged GET when an object is read as a stream. */
export const DEFAULT_STREAM_CHUNK = 8 * 1024 * 1024;
/** Per-request timeout (to the response headers, and between body chunks). */
export const DEFAULT_TIMEOUT_MS = 60_000;
/** Retries after the first attempt, first and largest backoff ceilings (full jitter). */
export const DEFAULT_RETRY: Required<RetryOptions> = Object.freeze({ retries: 4, baseDelayMs: 200, maxDelayMs: 5_000 });
/** The most parts or objects in flight a caller may ask for. */
export const MAX_CONCURRENCY = 64;

/**
 * Validates a concurrency at the public edge.
 *
 * @example
 * ```ts
 * import { checkConcurrency } from '@oss-cse/transfer';
 * checkConcurrency(4); // 4
 * checkConcurrency(0); // throws RangeError
 * ```
 */
export function checkConcurrency(n: unknown, name = 'concurrency'): number {
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 1 || n > MAX_CONCURRENCY) {
    throw new RangeError(`"${name}" expected an integer in 1..${MAX_CONCURRENCY}, got ${String(n)}`);
  }
  return n;
}

/**
 * The decrypted-materials cache of a client: 1 000 objects, 1 MiB, materials served for 5 minutes after their unwrap.
 */
export const DEFAULT_MATERIALS_CACHE = Object.freeze({ maxEntries: 1_000, maxBytes: 1024 * 1024, maxAgeMs: 300_000 });
