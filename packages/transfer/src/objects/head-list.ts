// head and delete: object facts, nothing downloaded or unwrapped (listings: list-objects.ts).
import { OssCseError } from '@oss-cse/core';
import type { EngineContext, TransferOptions } from '../client/context.js';
import { send } from '../request/send.js';
import { objectFacts, publicInfo, type ObjectFacts, type ObjectInfo } from './object-info.js';

/** HEAD with the parsed envelope (the verbs need the wrapped material). */
export async function headFacts(
  ctx: EngineContext,
  key: string,
  options: Pick<TransferOptions, 'signal' | 'onRetry' | 'retry'> = {},
): Promise<ObjectFacts> {
  return objectFacts(key, await send(ctx, (req) => ctx.transport.headObject(key, req), options));
}

/**
 * The ETag every later request of a read is pinned to (If-Match). A read that cannot be pinned fails rather than
 * mix two versions of the object: in a browser the ETag is unreadable when the bucket's CORS rule does not expose it.
 *
 * @throws OssCseError ERR_CORS (`details.missing: ['ETag']`) when the HEAD answer shows no ETag.
 */
export function pinnedEtag(head: ObjectFacts): string {
  if (head.etag) return head.etag;
  throw new OssCseError(
    'ERR_CORS',
    `HeadObject ${head.key}: the response's ETag is not readable, so the read cannot be pinned to one version (add "ETag" to the bucket CORS rule's ExposeHeader)`,
    {
      details: { operation: `HeadObject ${head.key}`, missing: ['ETag'] },
    },
  );
}

export async function headObject(
  ctx: EngineContext,
  key: string,
  options: Pick<TransferOptions, 'signal' | 'onRetry' | 'retry'> = {},
): Promise<ObjectInfo> {
  return publicInfo(await headFacts(ctx, key, options));
}

export async function deleteObject(
  ctx: EngineContext,
  key: string,
  options: Pick<TransferOptions, 'signal' | 'onRetry' | 'retry'> = {},
): Promise<void> {
  await send(ctx, (req) => ctx.transport.deleteObject(key, req), options);
}
