// Cancellation helpers shared by every transfer: one error for every aborted operation, and an abortable sleep.
import { OssCseError } from '../errors.js';

/**
 * The error every cancelled operation rejects with (`ERR_ABORTED`, the signal's reason as `cause`).
 *
 * @example
 * ```ts
 * import { abortedError } from '@oss-cse/core';
 * const controller = new AbortController();
 * controller.abort();
 * throw abortedError(controller.signal); // ERR_ABORTED, the reason as its cause
 * ```
 */
export function abortedError(signal?: AbortSignal): OssCseError {
  const reason = signal?.reason;
  return new OssCseError('ERR_ABORTED', 'the operation was aborted', reason === undefined ? {} : { cause: reason });
}

/**
 * Throws {@link abortedError} when `signal` is aborted.
 *
 * @example
 * ```ts
 * import { throwIfAborted } from '@oss-cse/core';
 * declare const signal: AbortSignal;
 * throwIfAborted(signal); // before each part
 * ```
 */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortedError(signal);
}

/**
 * Resolves after `ms`; rejects with ERR_ABORTED as soon as `signal` fires.
 *
 * @example
 * ```ts
 * import { sleep } from '@oss-cse/core';
 * await sleep(200, AbortSignal.timeout(1000)); // rejects with ERR_ABORTED if the signal fires first
 * ```
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortedError(signal));
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortedError(signal));
    };
    const timer = setTimeout(
      () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      },
      Math.max(0, ms),
    );
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
