// head, list and delete: object facts and listings, nothing downloaded or unwrapped.
import { OssCseError, type EnvelopeSummary } from '@oss-cse/core';
import type { EngineContext, TransferOptions } from '../client/context.js';
import { send } from '../request/send.js';
import { runBounded } from '../schedule/run-bounded.js';
import type { ObjectSummary } from '../transport/object-transport.js';
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

/** Options of `list`. */
export interface ListOptions extends Pick<TransferOptions, 'signal' | 'onRetry' | 'retry'> {
  /** Only keys that start with this. */
  readonly prefix?: string | undefined;
  /** Group keys by this delimiter; the groups come as `{ prefix }` entries (default: none, every key). */
  readonly delimiter?: string | undefined;
  /** HEAD each object to report whether and how it is encrypted (default false). */
  readonly withEnvelope?: boolean | undefined;
  /** Keys per request (1..1000, default 1000). */
  readonly pageSize?: number | undefined;
}

/** An object of `list`, with its envelope when asked for. */
export interface ListedObject extends ObjectSummary {
  /** With `withEnvelope`: whether the object carries encryption headers. */
  readonly encrypted?: boolean;
  /** With `withEnvelope`: the envelope summary, null for plaintext objects. */
  readonly envelope?: EnvelopeSummary | null;
}

/** A common prefix of a delimited listing. */
export interface ListedPrefix {
  /** The common prefix, delimiter included. */
  readonly prefix: string;
}

/** Every object under `prefix`, page by page, as it arrives (memory holds one page whatever the bucket holds). */
export async function* listObjects(
  ctx: EngineContext,
  options: ListOptions = {},
): AsyncGenerator<ListedObject | ListedPrefix> {
  let token: string | undefined;
  do {
    const request = { prefix: options.prefix, delimiter: options.delimiter, token, maxKeys: options.pageSize };
    const page = await send(ctx, (req) => ctx.transport.listObjects(request, req), options);
    for (const prefix of page.prefixes) yield { prefix };
    if (!options.withEnvelope) {
      yield* page.objects;
    } else {
      const out: ListedObject[] = new Array(page.objects.length);
      await runBounded(
        page.objects.map((o, i) => [o, i] as const),
        ctx.defaults.concurrency,
        async ([o, i]) => {
          const info = await headObject(ctx, o.key, options);
          out[i] = { ...o, encrypted: info.encrypted, envelope: info.envelope };
        },
        options.signal,
      );
      yield* out;
    }
    token = page.nextToken;
  } while (token);
}

export async function deleteObject(
  ctx: EngineContext,
  key: string,
  options: Pick<TransferOptions, 'signal' | 'onRetry' | 'retry'> = {},
): Promise<void> {
  await send(ctx, (req) => ctx.transport.deleteObject(key, req), options);
}
