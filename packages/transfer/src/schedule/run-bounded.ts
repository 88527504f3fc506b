// Runs one task per item with at most `concurrency` in flight; stops handing out items at the first failure or
// abort and waits for the tasks already running before it rejects, so no request outlives the call.
import { abortedError } from '@oss-cse/core';

/**
 * @example
 * ```ts
 * import { runBounded } from '@oss-cse/transfer';
 * declare function uploadOne(partNumber: number): Promise<void>;
 * await runBounded([1, 2, 3, 4, 5], 4, async (n) => uploadOne(n)); // at most 4 at a time
 * ```
 */
export async function runBounded<T>(
  items: Iterable<T> | AsyncIterable<T>,
  concurrency: number,
  task: (item: T) => Promise<void>,
  signal?: AbortSignal,
): Promise<void> {
  if (!Number.isSafeInteger(concurrency) || concurrency < 1)
    throw new RangeError(`"concurrency" expected a positive integer, got ${String(concurrency)}`);
  const iterator = Symbol.asyncIterator in items ? items[Symbol.asyncIterator]() : toAsync(items[Symbol.iterator]());
  let failure: { error: unknown } | undefined;
  let pulling: Promise<IteratorResult<T>> = Promise.resolve({ done: false, value: undefined as T });
  // Pulls are chained so that an async source (a directory walk, a listing) is read by one worker at a time.
  const next = (): Promise<IteratorResult<T>> => (pulling = pulling.then(() => iterator.next()));
  const worker = async () => {
    for (;;) {
      if (failure) return;
      if (signal?.aborted) {
        failure ??= { error: abortedError(signal) };
        return;
      }
      let item: IteratorResult<T>;
      try {
        item = await next();
      } catch (error) {
        failure ??= { error };
        return;
      }
      if (item.done || failure) return;
      try {
        await task(item.value);
      } catch (error) {
        failure ??= { error };
        return;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  if (failure) {
    await iterator.return?.();
    throw failure.error;
  }
}

function toAsync<T>(it: Iterator<T>): AsyncIterator<T> {
  return { next: async () => it.next(), return: async () => it.return?.() ?? { done: true, value: undefined } };
}
