// --shard i/n: one logical job split over n independent runs by a stable hash of each object key. The hash is
// FNV-1a (32 bits) of the key's UTF-8 bytes, so every runtime and every machine puts a key in the same shard;
// shard i takes the keys whose hash mod n is i, so each key belongs to exactly one shard and the n shards
// together are the whole job.
import { OssCseError } from '@oss-cse/core';

/** One shard of a job: `index` of `count` (`--shard index/count`). */
export interface Shard {
  /** 0-based shard number. */
  readonly index: number;
  /** Number of shards. */
  readonly count: number;
}

/**
 * `"1/3"` → `{ index: 1, count: 3 }` (0 ≤ index < count ≤ 65536).
 *
 * @example
 * ```ts
 * import { parseShard } from '@oss-cse/transfer';
 * parseShard('1/3'); // { index: 1, count: 3 }
 * ```
 */
export function parseShard(text: string): Shard {
  const m = /^(\d{1,5})\/(\d{1,5})$/.exec(text.trim());
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || count > 65536 || index >= count)
    throw new OssCseError('ERR_INVALID_ARGUMENT', `shard "${text}" is not i/n with 0 <= i < n <= 65536`);
  return { index, count };
}

/**
 * FNV-1a 32-bit of the UTF-8 bytes of `key`.
 *
 * @example
 * ```ts
 * import { keyHash } from '@oss-cse/transfer';
 * keyHash('photos/a.jpg') % 4; // the shard of this key among 4, on every machine
 * ```
 */
export function keyHash(key: string): number {
  let h = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(key)) {
    h ^= byte;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/**
 * Whether `key` belongs to `shard` (always true without one).
 *
 * @example
 * ```ts
 * import { inShard, parseShard } from '@oss-cse/transfer';
 * const shard = parseShard('0/2');
 * const mine = ['a.jpg', 'b.jpg', 'c.jpg'].filter((key) => inShard(key, shard));
 * ```
 */
export function inShard(key: string, shard: Shard | undefined): boolean {
  return shard === undefined || keyHash(key) % shard.count === shard.index;
}
