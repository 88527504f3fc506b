// list: every object under a prefix, page by page, with its envelope summary when asked for (a HEAD each). The
// client loads this module with import() at the first listing.
import type { EnvelopeSummary } from '@oss-cse/core';
import type { EngineContext, TransferOptions } from '../client/context.js';
import { send } from '../request/send.js';
import { runBounded } from '../schedule/run-bounded.js';
import type { ObjectSummary } from '../transport/object-transport.js';
import { headObject } from './head-list.js';

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
