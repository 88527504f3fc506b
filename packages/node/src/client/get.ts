// get: an object (or a byte range of it) decrypted into memory or as a stream. Ranges fetch only the 16-aligned
// range and decrypt from the server's real Content-Range; suffix ranges HEAD first.
import { Readable } from 'node:stream';
import {
  Crc64, crc64Wasm, decryptObject, OssCseError, parseByteRange, planRangedRead, type ByteRange, type RangedReadPlan,
} from '@oss-cse/core';
import { checkServerCrc } from '../transfer/crc.js';
import { withRetry } from '../transfer/retry.js';
import type { ResponseHeaders } from '../transport/object-transport.js';
import type { ClientContext } from './context.js';
import { headWithEnvelope } from './head.js';
import { objectInfo, type ObjectInfo } from './metadata.js';

export interface GetOptions {
  /** Inclusive plaintext range: `"100-199"`, `"100-"`, `"-500"` or a ByteRange object. */
  readonly range?: string | ByteRange | undefined;
  readonly signal?: AbortSignal | undefined;
}

export interface GetResult<B> {
  readonly body: B;
  /** The object (HEAD-like facts from the GET response). */
  readonly info: ObjectInfo;
  /** The plaintext range returned, inclusive (absent for whole-object reads). */
  readonly range?: { readonly start: number; readonly end: number; readonly total: number } | undefined;
}

/** Whole object or range, decrypted into a Buffer. */
export async function getObject(ctx: ClientContext, key: string, options: GetOptions = {}): Promise<GetResult<Buffer>> {
  const { signal } = options;
  const plan = await planFor(ctx, key, options);
  const r = await withRetry(async () => {
    const res = await ctx.transport.getObject(key, { range: plan?.rangeHeader, signal });
    if (!plan) checkServerCrc(await crc64Wasm(res.body), res.headers['x-oss-hash-crc64ecma'], `GetObject ${key}`);
    return res;
  }, { ...ctx.defaults.retry, signal });
  const contentRange = r.headers['content-range'];
  const plain = await decryptObject({
    keyring: ctx.keyring, headers: r.headers, ciphertext: new Uint8Array(r.body.buffer, r.body.byteOffset, r.body.byteLength),
    policy: ctx.policy, signal,
    ...(plan ? { range: { start: plan.start, end: plan.end }, contentRange: contentRange ?? null } : {}),
  });
  const body = Buffer.from(plain.buffer, plain.byteOffset, plain.byteLength);
  return { body, info: infoFrom(key, r.headers), range: plan ? rangeOf(plan, body.length, r.headers) : undefined };
}

/** Whole object or range, decrypted as a Node Readable (bounded memory). The CRC of whole reads is checked at the end. */
export async function getObjectStream(ctx: ClientContext, key: string, options: GetOptions = {}): Promise<GetResult<Readable>> {
  const { signal } = options;
  const plan = await planFor(ctx, key, options);
  const r = await withRetry(() => ctx.transport.getObjectStream(key, { range: plan?.rangeHeader, signal }), { ...ctx.defaults.retry, signal });
  let ciphertext = Readable.toWeb(r.body) as unknown as ReadableStream<Uint8Array>;
  const serverCrc = r.headers['x-oss-hash-crc64ecma'];
  if (!plan && serverCrc) {
    const crc = new Crc64();
    ciphertext = ciphertext.pipeThrough(new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        crc.update(chunk);
        controller.enqueue(chunk);
      },
      flush() {
        checkServerCrc(crc.value(), serverCrc, `GetObject ${key}`);
      },
    }));
  }
  const plain = await decryptObject({
    keyring: ctx.keyring, headers: r.headers, ciphertext, policy: ctx.policy, signal,
    ...(plan ? { range: { start: plan.start, end: plan.end }, contentRange: r.headers['content-range'] ?? null } : {}),
  });
  const body = Readable.fromWeb(plain as never);
  const info = infoFrom(key, r.headers);
  return { body, info, range: plan ? rangeOf(plan, undefined, r.headers) : undefined };
}

async function planFor(ctx: ClientContext, key: string, options: GetOptions): Promise<RangedReadPlan | undefined> {
  if (options.range === undefined) return undefined;
  const range = typeof options.range === 'string' ? parseByteRange(options.range) : options.range;
  if ('suffix' in range) {
    // Every SDK decrypts suffix ranges wrongly (docs/format.md §4): resolve to an absolute range with the size.
    const head = await headWithEnvelope(ctx, key, options.signal);
    return planRangedRead(range, head.size);
  }
  return planRangedRead(range);
}

function infoFrom(key: string, headers: ResponseHeaders): ObjectInfo {
  const total = totalSize(headers);
  const { parsed: _p, ...info } = objectInfo(key, { ...headers, 'content-length': String(total ?? headers['content-length'] ?? 0) });
  return info;
}

function totalSize(headers: ResponseHeaders): number | undefined {
  const m = /\/(\d+)\s*$/.exec(headers['content-range'] ?? '');
  return m ? Number(m[1]) : undefined;
}

function rangeOf(plan: RangedReadPlan, length: number | undefined, headers: ResponseHeaders): { start: number; end: number; total: number } {
  const total = totalSize(headers) ?? Number(headers['content-length'] ?? 0);
  if (plan.start >= total && total > 0) throw new OssCseError('ERR_INVALID_RANGE', `range start ${plan.start} is beyond the object's ${total} bytes`);
  const end = length !== undefined ? plan.start + length - 1 : Math.min(plan.end ?? total - 1, total - 1);
  return { start: plan.start, end, total };
}
