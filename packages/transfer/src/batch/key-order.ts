// OSS lists keys in the byte order of their UTF-8 encoding. Local walks sort the same way, so a listing and a walk
// can be merged as two sorted streams (sync --delete) with memory for one entry of each.
import { OssCseError } from '@oss-cse/core';

const encoder = new TextEncoder();

/**
 * Compares two keys by their UTF-8 bytes (OSS's listing order).
 *
 * @example
 * ```ts
 * import { compareKeys } from '@oss-cse/transfer';
 * ['b', 'a', 'B'].sort(compareKeys); // ['B', 'a', 'b']: UTF-8 byte order, as OSS lists
 * ```
 */
export function compareKeys(a: string, b: string): number {
  if (a === b) return 0;
  const x = encoder.encode(a);
  const y = encoder.encode(b);
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
}

/** One key of a merge: the entry of each side that has it. */
export interface Merged<L, R> {
  /** The key. */
  readonly key: string;
  /** The entry of the first stream, if it has the key. */
  readonly left: L | undefined;
  /** The entry of the second stream, if it has the key. */
  readonly right: R | undefined;
}

/**
 * Merges two streams sorted by {@link compareKeys} into one stream of keys, each with the entry of either side.
 * @throws OssCseError ERR_INVALID_ARGUMENT when a side is not in order (a merge would then be wrong).
 *
 * @example
 * ```ts
 * import { mergeSorted, type ListedObject } from '@oss-cse/transfer';
 * declare const local: AsyncIterable<{ rel: string }>, remote: AsyncIterable<ListedObject>;
 * for await (const { key, left, right } of mergeSorted(local, remote, (f) => f.rel, (o) => o.key)) {
 *   if (!left) console.log(`${key} only in the bucket`);
 *   else if (!right) console.log(`${key} only on disk`);
 * }
 * ```
 */
export async function* mergeSorted<L, R>(
  left: AsyncIterable<L>,
  right: AsyncIterable<R>,
  keyOfLeft: (l: L) => string,
  keyOfRight: (r: R) => string,
): AsyncGenerator<Merged<L, R>> {
  const li = left[Symbol.asyncIterator]();
  const ri = right[Symbol.asyncIterator]();
  const pull = async <T>(it: AsyncIterator<T>, keyOf: (t: T) => string, prev: string | undefined, side: string) => {
    const r = await it.next();
    if (r.done) return undefined;
    const key = keyOf(r.value);
    if (prev !== undefined && compareKeys(prev, key) >= 0)
      throw new OssCseError('ERR_INVALID_ARGUMENT', `the ${side} entries are not in UTF-8 byte order of their keys`);
    return { key, value: r.value };
  };
  try {
    let l = await pull(li, keyOfLeft, undefined, 'source');
    let r = await pull(ri, keyOfRight, undefined, 'destination');
    while (l || r) {
      const order = !l ? 1 : !r ? -1 : compareKeys(l.key, r.key);
      if (order < 0) {
        yield { key: l!.key, left: l!.value, right: undefined };
        l = await pull(li, keyOfLeft, l!.key, 'source');
      } else if (order > 0) {
        yield { key: r!.key, left: undefined, right: r!.value };
        r = await pull(ri, keyOfRight, r!.key, 'destination');
      } else {
        yield { key: l!.key, left: l!.value, right: r!.value };
        l = await pull(li, keyOfLeft, l!.key, 'source');
        r = await pull(ri, keyOfRight, r!.key, 'destination');
      }
    }
  } finally {
    await li.return?.();
    await ri.return?.();
  }
}
