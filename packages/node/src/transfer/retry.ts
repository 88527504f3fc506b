// Retries with exponential backoff and full jitter. The operation is a closure over bytes that already exist
// (the part's ciphertext), so every attempt resends byte-identical data.
import { setTimeout as sleep } from 'node:timers/promises';
import { abortedError, isRetryable, throwIfAborted } from '../errors.js';

export interface RetryOptions {
  /** Attempts after the first (default 4). */
  readonly retries?: number | undefined;
  /** First backoff ceiling in ms (default 200). */
  readonly baseDelayMs?: number | undefined;
  /** Largest backoff ceiling in ms (default 5000). */
  readonly maxDelayMs?: number | undefined;
}

/** Called before each retry (for logs and tests). */
export type RetryListener = (info: { attempt: number; delayMs: number; error: unknown }) => void;

/**
 * Runs `operation`, retrying network errors, timeouts, 5xx, throttling and CRC mismatches.
 *
 * @example
 * ```ts
 * const result = await withRetry(() => transport.uploadPart(key, id, n, ciphertext, { headers }), { retries: 4 });
 * ```
 */
export async function withRetry<T>(
  operation: () => Promise<T>,
  options: RetryOptions & { signal?: AbortSignal | undefined; onRetry?: RetryListener | undefined } = {},
): Promise<T> {
  const retries = options.retries ?? 4;
  const base = options.baseDelayMs ?? 200;
  const cap = options.maxDelayMs ?? 5000;
  for (let attempt = 0; ; attempt++) {
    throwIfAborted(options.signal);
    try {
      return await operation();
    } catch (e) {
      if (attempt >= retries || !isRetryable(e)) throw e;
      const delayMs = Math.floor(Math.random() * Math.min(cap, base * 2 ** attempt));
      options.onRetry?.({ attempt: attempt + 1, delayMs, error: e });
      try {
        await sleep(delayMs, undefined, options.signal ? { signal: options.signal } : {});
      } catch {
        throw abortedError(options.signal);
      }
    }
  }
}
