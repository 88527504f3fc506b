// head: the object's facts and envelope summary, without downloading or unwrapping.
import { withRetry } from '../transfer/retry.js';
import type { ClientContext } from './context.js';
import { objectInfo, type ObjectInfo } from './metadata.js';

export async function headObject(ctx: ClientContext, key: string, options: { signal?: AbortSignal | undefined } = {}): Promise<ObjectInfo> {
  const { parsed: _parsed, headers: _headers, ...info } = await headWithEnvelope(ctx, key, options.signal);
  return info;
}

/** HEAD with the parsed envelope (internal: the verbs need the wrapped material). */
export async function headWithEnvelope(ctx: ClientContext, key: string, signal: AbortSignal | undefined): Promise<ReturnType<typeof objectInfo> & { headers: Readonly<Record<string, string>> }> {
  const headers = await withRetry(() => ctx.transport.headObject(key, { signal }), { ...ctx.defaults.retry, signal });
  return { ...objectInfo(key, headers), headers };
}
