// Retries with exponential backoff and full jitter. The operation closes over bytes that already exist (a part's
// ciphertext, a signed request), so every attempt resends byte-identical data.
import { abortedError, sleep, throwIfAborted } from './abort.js';

/** How often and how long to retry a failed request. */
export interface RetryOptions {
  /** Attempts after the first (default 4). */
  readonly retries?: number | undefined;
  /** First backoff ceiling in ms (default 200). */
  readonly baseDelayMs?: number | undefined;
  /** Largest backoff ceiling in ms (default 5000). */
  readonly maxDelayMs?: number | undefined;
}

/** Called before each retry (for logs, progress and tests). */
export type RetryListener = (info: { attempt: number; delayMs: number; error: unknown }) => void;

/** Options of {@link withRetry}. */
export interface WithRetryOptions extends RetryOptions {
  /** Which failures deserve another attempt (each runtime knows its transport's errors). */
  readonly isRetryable: (error: unknown) => boolean;
  /** Stops retrying (and the backoff sleep) with ERR_ABORTED. */
  readonly signal?: AbortSignal | undefined;
  /** Called before each retry. */
  readonly onRetry?: RetryListener | undefined;
  /** Randomness for the jitter (tests). Default `Math.random`. */
  readonly random?: () => number;
}

/**
 * Runs `operation`, retrying failures `isRetryable` accepts, with full-jitter exponential backoff.
 * An abort during an attempt or a backoff rejects with ERR_ABORTED.
 *
 * @example
 * ```ts
 * import { withRetry } from '@oss-cse/core';
 * declare function uploadPart(n: number): Promise<string>;
 * declare const signal: AbortSignal;
 * const etag = await withRetry(() => uploadPart(1), { isRetryable: () => true, signal });
 * ```
 */
export async function withRetry<T>(operation: () => Promise<T>, options: WithRetryOptions): Promise<T> {
  const retries = options.retries ?? 4;
  const base = options.baseDelayMs ?? 200;
  const cap = options.maxDelayMs ?? 5000;
  const random = options.random ?? Math.random;
  for (let attempt = 0; ; attempt++) {
    throwIfAborted(options.signal);
    try {
      return await operation();
    } catch (e) {
      if (options.signal?.aborted) throw abortedError(options.signal);
      if (attempt >= retries || !options.isRetryable(e)) throw e;
      const delayMs = Math.floor(random() * Math.min(cap, base * 2 ** attempt));
      options.onRetry?.({ attempt: attempt + 1, delayMs, error: e });
      await sleep(delayMs, options.signal);
    }
  }
}
