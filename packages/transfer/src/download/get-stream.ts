// getStream: the plaintext as a Web stream, fetched as ranged GETs of `chunkSize` (one ahead) and decrypted as each
// arrives, so memory stays at about two chunks whatever the object size. Every GET carries If-Match with the ETag
// of the HEAD the read started with: an object overwritten mid-read fails the stream with ERR_SOURCE_CHANGED
// instead of mixing versions. Whole reads check the object's CRC-64 (combined from the chunks') and the recorded
// plaintext length/MD5 at the end. The client's cipher runner decrypts and checksums each chunk in one pass (in a
// browser, in the encryption Worker).
import { OssCseError, parseByteRange, planRangedRead, requireEnvelope } from '@oss-cse/core';
import type { EngineContext } from '../client/context.js';
import { checkServerCrc } from '../integrity/server-crc.js';
import { headFacts, pinnedEtag } from '../objects/head-list.js';
import { publicInfo } from '../objects/object-info.js';
import { send } from '../request/send.js';
import { returnedRange, type GetOptions, type GetResult } from './get-object.js';
import { readBody } from './read-body.js';

/** Options of `getStream`: those of `get`, and the size of each ranged GET. */
export interface GetStreamOptions extends GetOptions {
  /** Bytes per ranged GET (a multiple of 16; default: the client's, 8 MiB). */
  readonly chunkSize?: number | undefined;
}

export async function getObjectStream(
  ctx: EngineContext,
  key: string,
  options: GetStreamOptions = {},
): Promise<GetResult<ReadableStream<Uint8Array>>> {
  const { signal } = options;
  const head = await headFacts(ctx, key, options);
  const envelope = requireEnvelope(head.headers, ctx.policy);
  const chunk = options.chunkSize ?? ctx.defaults.streamChunk;
  if (!Number.isSafeInteger(chunk) || chunk <= 0 || chunk % 16 !== 0)
    throw new RangeError(`"chunkSize" expected a positive multiple of 16, got ${String(chunk)}`);
  const etag = pinnedEtag(head);
  const size = head.size;
  const whole = options.range === undefined;
  const plan = whole
    ? undefined
    : planRangedRead(typeof options.range === 'string' ? parseByteRange(options.range) : options.range!, size);
  const first = plan?.start ?? 0;
  const last = plan ? (plan.end ?? size - 1) : size - 1;
  const materials = envelope ? await ctx.materials.open(envelope, signal) : null;
  const integrity = envelope && whole && ctx.policy?.verifyIntegrity !== false ? envelope : undefined;
  const decipher = await ctx.cipher.openDecipher(materials, { integrity, signal });
  /** The CRC-64 of the ciphertext read so far (a whole read). */
  let crc = '0';
  let next = first - (first % 16);
  const operation = `GetObject ${key}`;

  const fetchChunk = (from: number) => {
    const to = Math.min(from + chunk - 1, last);
    const range = `bytes=${from}-${to}`;
    return send(
      ctx,
      async (req) => {
        const r = await ctx.transport.getObject(key, { range, ifMatch: etag }, req);
        const cr = r.headers['content-range'];
        if (!cr || !cr.startsWith(`bytes ${from}-${to}/`)) {
          await r.body.cancel().catch(() => undefined);
          throw new OssCseError(
            'ERR_BAD_CONTENT_RANGE',
            `${operation}: asked for ${range}, got ${cr ?? 'the whole object'}`,
          );
        }
        return { from, to, body: await readBody(r.body, operation, to - from + 1) };
      },
      options,
    );
  };
  let ahead: ReturnType<typeof fetchChunk> | undefined;
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (size === 0 || next > last) {
          try {
            if (whole) {
              checkServerCrc(crc, head.crc64 ?? undefined, operation);
              await decipher.finish();
            }
          } finally {
            decipher.close();
          }
          controller.close();
          return;
        }
        const current = ahead ?? fetchChunk(next);
        ahead = undefined;
        try {
          const { from, to, body: bytes } = await current;
          next = to + 1;
          if (next <= last) ahead = fetchChunk(next);
          const piece = await decipher.decrypt(from, bytes, { inOrder: whole, signal });
          const plain = piece.body;
          crc = piece.crc64;
          controller.enqueue(from < first ? plain.subarray(first - from) : plain);
        } catch (e) {
          // The request already in flight must not become an unhandled rejection.
          ahead?.catch(() => undefined);
          decipher.close();
          throw e;
        }
      },
      cancel() {
        ahead?.catch(() => undefined);
        decipher.close();
      },
    },
    { highWaterMark: 0 },
  );
  const info = publicInfo(head);
  return { body, info, range: plan ? returnedRange(plan, undefined, size) : undefined };
}
