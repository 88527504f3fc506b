// list: objects under a prefix, optionally with each object's envelope summary (one HEAD per object).
import type { EnvelopeSummary } from '@oss-cse/core';
import { runBounded } from '../transfer/scheduler.js';
import { withRetry } from '../transfer/retry.js';
import type { ObjectSummary } from '../transport/object-transport.js';
import type { ClientContext } from './context.js';
import { headObject } from './head.js';

export interface ListOptions {
  readonly prefix?: string | undefined;
  /** HEAD each object to report whether it is encrypted and how (default false). */
  readonly withEnvelope?: boolean | undefined;
  readonly signal?: AbortSignal | undefined;
}

export interface ListedObject extends ObjectSummary {
  /** With `withEnvelope`: whether the object carries encryption headers. */
  readonly encrypted?: boolean;
  /** With `withEnvelope`: the envelope summary, null for plaintext objects. */
  readonly envelope?: EnvelopeSummary | null;
}

/** Every object under `prefix`, page by page. */
export async function* listObjects(ctx: ClientContext, options: ListOptions = {}): AsyncGenerator<ListedObject> {
  const { signal } = options;
  let token: string | undefined;
  do {
    const page = await withRetry(() => ctx.transport.listObjects({ prefix: options.prefix, token, signal }), { ...ctx.defaults.retry, signal });
    if (!options.withEnvelope) {
      yield* page.objects;
    } else {
      const out: ListedObject[] = new Array(page.objects.length);
      const indexed = page.objects.map((o, i) => [o, i] as const);
      await runBounded(indexed, ctx.defaults.concurrency, async ([o, i]) => {
        const info = await headObject(ctx, o.key, { signal });
        out[i] = { ...o, encrypted: info.encrypted, envelope: info.envelope };
      }, signal);
      yield* out;
    }
    token = page.nextToken;
  } while (token);
}
