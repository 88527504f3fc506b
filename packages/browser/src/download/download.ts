// Downloads: whole objects to a Blob, large objects as a ReadableStream decrypted range by range as the ranges
// arrive, and ranged reads that fetch only the 16-aligned range. Reads that take more than one request are pinned
// to the ETag of the first (If-Match): an object overwritten mid-read fails with ERR_SOURCE_CHANGED.
import {
  createPlaintextVerifier, decryptObject, openEnvelope, parseEnvelope, planRangedRead, requireEnvelope,
  summarizeEnvelope, type ByteRange, type EnvelopeSummary, type ReadPolicy,
} from '@oss-cse/core';
import { abortedError, corsError } from '../errors.js';
import { send, type ClientContext } from '../transfer/context.js';
import type { ResponseHeaders } from '../transport/transport.js';

export const DEFAULT_DOWNLOAD_CHUNK = 8 * 1024 * 1024;

export interface DownloadOptions {
  readonly signal?: AbortSignal | undefined;
  /** Plaintext range (inclusive), e.g. `'1000-1999'` or `{ start: 1000, end: 1999 }`. */
  readonly range?: ByteRange | string | undefined;
  /** Bytes per ranged GET when streaming (multiple of 16; default 8 MiB). */
  readonly chunkSize?: number | undefined;
  /** Safety policy for reading (e.g. `{ allowUnencrypted: true }`). */
  readonly policy?: ReadPolicy | undefined;
  /** MIME type of the Blob (default: application/octet-stream). */
  readonly type?: string | undefined;
}

export interface ObjectInfo {
  readonly key: string;
  /** Stored (ciphertext) size. */
  readonly size: number;
  readonly etag: string;
  readonly headers: ResponseHeaders;
  /** The envelope without key material, or null for a plaintext object. */
  readonly envelope: EnvelopeSummary | null;
}

export async function headObject(ctx: ClientContext, key: string, signal?: AbortSignal): Promise<ObjectInfo> {
  const headers = await send(ctx, (req) => ctx.transport.head(key, req), { signal });
  const env = parseEnvelope(headers);
  return { key, size: Number(headers['content-length'] ?? 0), etag: headers['etag'] ?? '', headers, envelope: env ? summarizeEnvelope(env) : null };
}

/** The ETag later requests of one read are pinned to; a read cannot be pinned when the CORS rule hides it. */
function pinnedEtag(info: ObjectInfo): string {
  if (!info.etag) {
    throw corsError('HeadObject: the response\'s ETag is not readable, so the read cannot be pinned to one version; add "ETag" to the bucket CORS rule\'s ExposeHeader', { exposeHeaders: ['ETag'] });
  }
  return info.etag;
}

/** A ranged read: one GET of the aligned range, decrypted by core. */
export async function readRange(ctx: ClientContext, key: string, range: ByteRange | string, options: DownloadOptions = {}): Promise<Uint8Array> {
  let size: number | undefined;
  let ifMatch: string | undefined;
  const parsed = typeof range === 'string' ? range.trim() : range;
  if ((typeof parsed === 'string' && parsed.startsWith('-')) || (typeof parsed === 'object' && 'suffix' in parsed)) {
    const info = await headObject(ctx, key, options.signal);
    size = info.size;
    ifMatch = pinnedEtag(info); // the suffix was planned on this version's size
  }
  const plan = planRangedRead(range, size);
  const res = await send(ctx, (req) => ctx.transport.get(key, { range: plan.rangeHeader, ifMatch }, req), { signal: options.signal });
  return decryptObject({
    keyring: ctx.keyring, headers: res.headers, ciphertext: res.body, range, objectSize: size,
    contentRange: res.headers['content-range'] ?? null, policy: options.policy, signal: options.signal,
  });
}

/**
 * The plaintext as a stream: ranged GETs of `chunkSize` fetched one ahead, each decrypted as it arrives.
 * Memory stays at about two chunks whatever the object size. Every GET carries `If-Match` with the ETag of the
 * HEAD the read started with, so a concurrent overwrite fails the stream with ERR_SOURCE_CHANGED instead of
 * mixing versions (or decrypting the new one with the old key). Full reads are checked against the recorded
 * plaintext length/MD5 (ERR_INTEGRITY).
 */
export async function downloadStream(ctx: ClientContext, key: string, options: DownloadOptions = {}): Promise<ReadableStream<Uint8Array>> {
  const info = await headObject(ctx, key, options.signal);
  const etag = pinnedEtag(info);
  const envelope = requireEnvelope(info.headers, options.policy);
  const chunk = options.chunkSize ?? DEFAULT_DOWNLOAD_CHUNK;
  if (chunk <= 0 || chunk % 16 !== 0) throw new RangeError(`"chunkSize" expected a positive multiple of 16, got ${chunk}`);
  const whole = options.range === undefined;
  const plan = whole ? undefined : planRangedRead(options.range!, info.size);
  const first = plan?.start ?? 0;
  const last = plan ? (plan.end ?? info.size - 1) : info.size - 1;
  const cipher = envelope ? await openEnvelope({ keyring: ctx.keyring, envelope, policy: options.policy, signal: options.signal }) : null;
  const verify = envelope && whole && options.policy?.verifyIntegrity !== false ? await createPlaintextVerifier(envelope) : null;
  let next = first - (first % 16);
  const fetchChunk = (from: number) => {
    const to = Math.min(from + chunk - 1, last);
    return send(ctx, (req) => ctx.transport.get(key, { range: `bytes=${from}-${to}`, ifMatch: etag }, req), { signal: options.signal })
      .then((r) => ({ from, to, body: r.body }));
  };
  let ahead: ReturnType<typeof fetchChunk> | undefined;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (info.size === 0 || next > last) {
        verify?.finish();
        controller.close();
        return;
      }
      const current = ahead ?? fetchChunk(next);
      ahead = undefined;
      const { from, to, body } = await current;
      if (body.length !== to - from + 1) throw new RangeError(`ranged GET returned ${body.length} bytes for bytes=${from}-${to}`);
      next = to + 1;
      if (next <= last) ahead = fetchChunk(next);
      // A failure here errors the stream: the request already in flight must not become an unhandled rejection.
      let plain = cipher ? await cipher.decryptAt(from, body).catch((e: unknown) => { ahead?.catch(() => undefined); throw e; }) : body;
      if (from < first) plain = plain.subarray(first - from);
      verify?.update(plain);
      controller.enqueue(plain);
    },
    cancel() {
      ahead?.catch(() => undefined);
    },
  }, { highWaterMark: 0 });
}

/** The whole object (or a range) decrypted into a Blob. */
export async function downloadBlob(ctx: ClientContext, key: string, options: DownloadOptions = {}): Promise<Blob> {
  const stream = await downloadStream(ctx, key, options);
  const parts: Uint8Array[] = [];
  const reader = stream.getReader();
  for (;;) {
    if (options.signal?.aborted) {
      await reader.cancel();
      throw abortedError(options.signal);
    }
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
  }
  return new Blob(parts as BlobPart[], { type: options.type ?? 'application/octet-stream' });
}

/** The stored bytes (ciphertext) of an object or a range of it, as the server holds them. */
export async function readStored(ctx: ClientContext, key: string, options: { range?: string; signal?: AbortSignal } = {}): Promise<{ bytes: Uint8Array; headers: ResponseHeaders }> {
  const res = await send(ctx, (req) => ctx.transport.get(key, { range: options.range }, req), { signal: options.signal });
  return { bytes: res.body, headers: res.headers };
}
