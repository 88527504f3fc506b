// Core's retry loop (exponential backoff, full jitter, identical bytes on every attempt) with this transport's
// idea of a transient failure: network errors, timeouts, cut-off responses, 5xx, throttling, CRC mismatches.
import { withRetry as retryWith, type RetryListener, type RetryOptions } from '@oss-cse/core';
import { isRetryable } from '../errors.js';

export type { RetryListener, RetryOptions };

/**
 * @example
 * ```ts
 * const result = await withRetry(() => transport.uploadPart(key, id, n, ciphertext, { headers }), { retries: 4 });
 * ```
 */
export function withRetry<T>(
  operation: () => Promise<T>,
  options: RetryOptions & { signal?: AbortSignal | undefined; onRetry?: RetryListener | undefined } = {},
): Promise<T> {
  return retryWith(operation, { ...options, isRetryable });
}
