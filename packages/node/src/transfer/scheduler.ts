// Runs one task per item with at most `concurrency` in flight; stops scheduling at the first failure or abort
// and waits for the tasks already running before rejecting, so no request outlives the call.
import { abortedError } from '@oss-cse/core';

/**
 * @example
 * ```ts
 * await runBounded(parts, 8, async (part) => uploadOne(part), signal);
 * ```
 */
export async function runBounded<T>(
  items: Iterable<T>,
  concurrency: number,
  task: (item: T) => Promise<void>,
  signal?: AbortSignal,
): Promise<void> {
  if (!Number.isSafeInteger(concurrency) || concurrency < 1) throw new RangeError(`"concurrency" expected a positive integer, got ${String(concurrency)}`);
  const iterator = items[Symbol.iterator]();
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    for (;;) {
      if (failure) return;
      if (signal?.aborted) {
        failure ??= { error: abortedError(signal) };
        return;
      }
      const next = iterator.next();
      if (next.done) return;
      try {
        await task(next.value);
      } catch (error) {
        failure ??= { error };
        return;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  if (failure) throw failure.error;
}
