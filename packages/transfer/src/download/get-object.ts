// get: an object, or a plaintext range of it, decrypted into memory. A range fetches only its 16-byte-aligned
// ciphertext and decrypts from the server's real Content-Range; a suffix range learns the size from a HEAD and
// pins the GET to that version (If-Match). Whole reads check the server's CRC-64 and the recorded plaintext MD5.
// The client's cipher runner decrypts and checksums (in a browser, in the encryption Worker).
import {
  OssCseError,
  parseByteRange,
  planRangeAnswer,
  planRangedRead,
  sliceRangeAnswer,
  requireEnvelope,
  type ByteRange,
  type ContentMaterials,
  type Envelope,
  type RangedReadPlan,
} from '@oss-cse/core';
import type { EngineContext, TransferOptions } from '../client/context.js';
import { checkServerCrc } from '../integrity/server-crc.js';
import { objectFacts, publicInfo, type ObjectInfo } from '../objects/object-info.js';
import { headFacts, pinnedEtag } from '../objects/head-list.js';
import { send } from '../request/send.js';
import { contentLength, readBody } from './read-body.js';

/** Options of `get` (and, extended, of `getStream`). */
export interface GetOptions extends Pick<TransferOptions, 'signal' | 'onRetry' | 'retry'> {
  /** Inclusive plaintext range: `"100-199"`, `"100-"`, `"-500"` (the last 500 bytes) or a ByteRange. */
  readonly range?: string | ByteRange | undefined;
}

/** The plaintext range a read returned (inclusive). */
export interface ReturnedRange {
  /** First plaintext byte returned. */
  readonly start: number;
  /** Last plaintext byte returned (inclusive). */
  readonly end: number;
  /** Plaintext size of the whole object. */
  readonly total: number;
}

/** What `get` and `getStream` return: the decrypted body and the facts of the object. */
export interface GetResult<B> {
  /** The plaintext: bytes for `get`, a stream for `getStream`. */
  readonly body: B;
  /** The object (HEAD-like facts from the GET answer). */
  readonly info: ObjectInfo;
  /** The plaintext range returned; absent for whole-object reads. */
  readonly range?: ReturnedRange | undefined;
}

/** A read's plan: the aligned ciphertext range to ask for, and the ETag a suffix read is pinned to. */
export interface ReadPlan {
  readonly plan: RangedReadPlan | undefined;
  readonly ifMatch: string | undefined;
}

export async function planRead(ctx: EngineContext, key: string, options: GetOptions): Promise<ReadPlan> {
  if (options.range === undefined) return { plan: undefined, ifMatch: undefined };
  const range = typeof options.range === 'string' ? parseByteRange(options.range) : options.range;
  if ('suffix' in range) {
    // Every SDK decrypts suffix ranges wrongly (docs/format.md §4): resolve to an absolute range with the size, and
    // read the version whose size that is.
    const head = await headFacts(ctx, key, options);
    return { plan: planRangedRead(range, head.size), ifMatch: pinnedEtag(head) };
  }
  return { plan: planRangedRead(range), ifMatch: undefined };
}

export async function getObject(
  ctx: EngineContext,
  key: string,
  options: GetOptions = {},
): Promise<GetResult<Uint8Array>> {
  const { plan, ifMatch } = await planRead(ctx, key, options);
  const operation = `GetObject ${key}`;
  const r = await send(
    ctx,
    async (req) => {
      const res = await ctx.transport.getObject(key, { range: plan?.rangeHeader, ifMatch }, req);
      const ciphertext = await readBody(res.body, operation, contentLength(res.headers));
      // Decrypted and checked inside the request: a CRC-64 mismatch (bytes damaged in flight) is resent.
      const body = await decryptAnswer(ctx, { headers: res.headers, ciphertext }, plan, operation, options);
      return { headers: res.headers, body };
    },
    options,
  );
  const info = publicInfo(objectFacts(key, r.headers));
  return { body: r.body, info, range: plan ? returnedRange(plan, r.body.length, info.size) : undefined };
}

/**
 * One GET answer's plaintext, decrypted by the client's cipher runner: a whole read is checked against the server's
 * CRC-64 and the recorded plaintext MD5/length before any of it is returned; a range is cut from the server's real
 * Content-Range. The materials come from the client's materials cache unless `open` supplies them (rewrap's check
 * with the new key).
 */
export async function decryptAnswer(
  ctx: EngineContext,
  { headers, ciphertext }: { headers: Readonly<Record<string, string>>; ciphertext: Uint8Array },
  plan: RangedReadPlan | undefined,
  operation: string,
  options: {
    signal?: AbortSignal | undefined;
    open?: ((envelope: Envelope) => Promise<ContentMaterials>) | undefined;
  },
): Promise<Uint8Array> {
  const { signal, open = (e: Envelope) => ctx.materials.open(e, signal) } = options;
  const envelope = requireEnvelope(headers, ctx.policy);
  const materials = envelope ? await open(envelope) : null;
  // A range is planned again with the size the answer shows: a start beyond the end is ERR_INVALID_RANGE.
  const response =
    plan && planRangeAnswer({ start: plan.start, end: plan.end }, headers['content-range'], ciphertext.length);
  const integrity = envelope && !plan && ctx.policy?.verifyIntegrity !== false ? envelope : undefined;
  const decipher = await ctx.cipher.openDecipher(materials, { integrity, signal });
  try {
    const { body, crc64 } = await decipher.decrypt(response?.counterOffset ?? 0, ciphertext, {
      inOrder: !plan,
      signal,
    });
    if (!response) {
      checkServerCrc(crc64, headers['x-oss-hash-crc64ecma'], operation);
      await decipher.finish();
      return body;
    }
    return sliceRangeAnswer(body, response);
  } finally {
    decipher.close();
  }
}

/** What a ranged read returned; a start past the end is ERR_INVALID_RANGE (OSS answers the whole object). */
export function returnedRange(plan: RangedReadPlan, length: number | undefined, total: number): ReturnedRange {
  if (plan.start >= total && total > 0)
    throw new OssCseError('ERR_INVALID_RANGE', `range start ${plan.start} is beyond the object's ${total} bytes`);
  const end = length !== undefined ? plan.start + length - 1 : Math.min(plan.end ?? total - 1, total - 1);
  return { start: plan.start, end, total };
}
