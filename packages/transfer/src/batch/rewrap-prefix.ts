// Batch rotation: every object under a prefix re-wrapped for another master key (rewrapObject per object, so each
// is re-sent once in full: OSS refuses UploadPartCopy from a client-side-encrypted source and CopyObject past
// 1 GB). Objects already under the target key are skipped without being sent; objects without encryption headers
// fail with ERR_NOT_ENCRYPTED (listed, the job goes on).
import { OssCseError, type MasterKey } from '@oss-cse/core';
import type { EngineContext } from '../client/context.js';
import { headFacts } from '../objects/head-list.js';
import { listObjects, type ListedObject } from '../objects/list-objects.js';
import { rewrapObject } from '../upload/rewrap.js';
import { perObjectOptions } from './per-object.js';
import { isUnderKey } from './rewrap-target.js';
import { runBatch, type BatchOptions, type BatchSummary } from './run-batch.js';

export interface RewrapPrefixOptions extends BatchOptions {
  /** The master key the objects are wrapped with from now on. */
  readonly to: MasterKey;
}

/**
 * Every object under `prefix` (a listing streamed page by page), filtered by name.
 *
 * @example
 * ```ts
 * import { listedObjects, nameFilter, type EngineContext } from '@oss-cse/transfer';
 * declare const ctx: EngineContext;
 * const filter = nameFilter([{ kind: 'include', pattern: '*.jpg' }]);
 * for await (const object of listedObjects(ctx, 'photos/', { filter })) console.log(object.key, object.size);
 * ```
 */
export async function* listedObjects(
  ctx: EngineContext,
  prefix: string,
  options: Pick<BatchOptions, 'filter' | 'signal' | 'retry' | 'onRetry'>,
): AsyncGenerator<ListedObject> {
  for await (const entry of listObjects(ctx, { prefix, signal: options.signal, retry: options.retry })) {
    if (!('key' in entry)) continue;
    if (options.filter && !options.filter.matches(entry.key)) continue;
    yield entry;
  }
}

/**
 * @example
 * ```ts
 * import type { MasterKey } from '@oss-cse/core';
 * import { rewrapPrefix, type EngineContext } from '@oss-cse/transfer';
 * declare const ctx: EngineContext, newKey: MasterKey;
 * const summary = await rewrapPrefix(ctx, 'photos/', { to: newKey, jobs: 8 });
 * ```
 */
export async function rewrapPrefix(
  ctx: EngineContext,
  prefix: string,
  options: RewrapPrefixOptions,
  job?: string,
): Promise<BatchSummary> {
  if (!options.to || typeof options.to.wrap !== 'function') throw new TypeError('"to" expected a MasterKey');
  return runBatch<ListedObject>({
    items: () => listedObjects(ctx, prefix, options),
    keyOf: (o) => o.key,
    sizeOf: (o) => o.size,
    jobs: options.jobs,
    shard: options.shard,
    journal: options.dryRun ? undefined : options.journal,
    job,
    signal: options.signal,
    onProgress: options.onProgress,
    onItem: options.onItem,
    async process(o, io) {
      const head = await headFacts(ctx, o.key, options);
      if (!head.parsed)
        throw new OssCseError('ERR_NOT_ENCRYPTED', `${o.key} has no client-side encryption headers: nothing to rewrap`);
      if (await isUnderKey(head.parsed, options.to, io.signal)) return { state: 'unchanged', size: head.size };
      if (options.dryRun) return { state: 'rewrapped', size: head.size, planned: true };
      const r = await rewrapObject(ctx, o.key, { to: options.to, ...perObjectOptions(options, io) });
      return { state: 'rewrapped', size: head.size, etag: r.etag };
    },
  });
}
