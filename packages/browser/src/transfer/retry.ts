// Retries with exponential backoff and full jitter. The operation closes over bytes that already exist (a
// part's ciphertext), so every attempt resends byte-identical data.
import { abortedError, isRetryable, throwIfAborted } from '../errors.js';

export interface RetryOptions {
  /** Attempts after the first (default 4). */
  readonly retries?: number | undefined;
  /** First backoff ceiling in ms (default 200). */
  readonly baseDelayMs?: number | undefined;
  /** Largest backoff ceiling in ms (default 5000). */
  readonly maxDelayMs?: number | undefined;
}

/** What a retry listener is told: the attempt about to start, its backoff, the error, and the part it resends. */
export interface RetryEvent {
  readonly attempt: number;
  readonly delayMs: number;
  readonly error: unknown;
  /** The multipart part being resent (UploadPart retries); absent for other requests. */
  readonly partNumber?: number | undefined;
}

/** Called before each retry. */
export type RetryListener = (info: RetryEvent) => void;

/**
 * Runs `operation`, retrying what {@link isRetryable} accepts.
 *
 * @example
 * ```ts
 * const etag = await withRetry(() => transport.uploadPart(...), { retries: 4, signal });
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
      if (options.signal?.aborted) throw abortedError(options.signal);
      if (attempt >= retries || !isRetryable(e)) throw e;
      const delayMs = Math.floor(Math.random() * Math.min(cap, base * 2 ** attempt));
      options.onRetry?.({ attempt: attempt + 1, delayMs, error: e });
      await sleep(delayMs, options.signal);
    }
  }
}

/** Resolves after `ms`, rejects with ERR_ABORTED when `signal` fires first. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortedError(signal));
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortedError(signal));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
