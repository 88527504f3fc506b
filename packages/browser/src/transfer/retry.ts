// Retries with exponential backoff and full jitter. The operation closes over bytes that already exist (a
// part's ciphertext), so every attempt resends byte-identical data.
import { withRetry as coreWithRetry, type RetryOptions } from '@oss-cse/core';
import { isRetryable } from '../errors.js';

export type { RetryOptions };

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
 * Runs `operation`, retrying what {@link isRetryable} accepts (core's backoff with full jitter).
 *
 * @example
 * ```ts
 * const etag = await withRetry(() => transport.uploadPart(...), { retries: 4, signal });
 * ```
 */
export function withRetry<T>(
  operation: () => Promise<T>,
  options: RetryOptions & { signal?: AbortSignal | undefined; onRetry?: RetryListener | undefined } = {},
): Promise<T> {
  return coreWithRetry(operation, { ...options, isRetryable });
}
