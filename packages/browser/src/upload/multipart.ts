// Large files: crypto multipart (docs/format.md §5) with parallel parts, read by Blob.slice (never the whole file),
// encrypted in the Worker, each part retried with its identical ciphertext, resumable through IndexedDB. The hash
// of each part's plaintext is recorded before the part is sent; a resume re-hashes every sent part and starts
// over with a fresh key and IV when any differs.
import { V2_HEADERS, autoPartSize, crc64Combine, planMultipart, validatePartSize } from '@oss-cse/core';
import { abortedError, isOssCseError } from '../errors.js';
import { fingerprint, sameFingerprint } from '../resume/fingerprint.js';
import { sentPartsUnchanged } from '../resume/sent-parts.js';
import type { FinishedPart, PendingUpload } from '../resume/upload-store.js';
import { send, type ClientContext } from '../transfer/context.js';
import type { MultipartSession } from '../worker/crypto-worker.js';
import { checkCrc } from './put.js';
import { DEFAULT_CONCURRENCY, DEFAULT_PART_SIZE, type UploadOptions, type UploadResult } from './options.js';
import { ProgressTracker } from './progress.js';

interface Started {
  record: PendingUpload;
  session: MultipartSession;
  done: Map<number, FinishedPart>;
}

export async function uploadMultipart(ctx: ClientContext, file: Blob, key: string, options: UploadOptions): Promise<UploadResult> {
  const id = ctx.transport.objectUrl(key);
  const partSize = options.partSize ?? autoPartSize(file.size, DEFAULT_PART_SIZE);
  validatePartSize(file.size, partSize);
  const inner = new AbortController();
  const onOuterAbort = () => inner.abort(options.signal?.reason);
  if (options.signal?.aborted) throw abortedError(options.signal);
  options.signal?.addEventListener('abort', onOuterAbort, { once: true });
  const signal = inner.signal;
  const sendOpts = { signal, onRetry: options.onRetry, retry: options.retry };
  let md5: Promise<string> | undefined;
  const integrity: Integrity = { wanted: options.computeMd5 === true, md5: () => (md5 ??= ctx.worker.md5(file)) };
  let started: Started | undefined;
  try {
    started = (options.resume === false ? undefined : await resumeIfPossible(ctx, file, key, id, integrity, sendOpts))
      ?? (await start(ctx, file, key, id, partSize, integrity, sendOpts));
    const { record, session, done } = started;
    const resumedParts = done.size;
    const progress = new ProgressTracker(file.size, options.onProgress);
    progress.resumed([...done.values()].reduce((n, p) => n + p.size, 0));
    for (const p of done.values()) options.onPart?.({ ...p, resumed: true });

    const plan = planMultipart({ dataSize: file.size, partSize: record.partSize });
    const queue = plan.parts().filter((p) => !done.has(p.partNumber));
    const headers = session.opened.partHeaders;
    const worker = async (): Promise<void> => {
      for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
        const { partNumber, offset, length: size } = next;
        const enc = await session.encryptPart(partNumber, file.slice(offset, offset + size));
        if (signal.aborted) throw abortedError(signal);
        // Before any byte of it leaves: from here on this part's key stream is spent on these bytes.
        await ctx.store.markSent(record.id, { partNumber, sha256: enc.plaintextSha256 });
        const res = await send(ctx, async (req) => {
          const r = await ctx.transport.uploadPart(key, record.uploadId, partNumber, enc.ciphertext, headers, req);
          checkCrc(r.crc64, enc.crc64, `UploadPart ${partNumber}`);
          return r;
        }, {
          ...sendOpts,
          onUploadProgress: (loaded) => progress.inFlight(partNumber, loaded),
          onRetry: options.onRetry && ((info) => options.onRetry?.({ ...info, partNumber })),
        });
        const part: FinishedPart = { partNumber, etag: res.etag, crc64: enc.crc64, size };
        done.set(partNumber, part);
        await ctx.store.addPart(record.id, part);
        progress.finished(partNumber, size);
        options.onPart?.({ ...part, resumed: false });
      }
    };
    const workers = Array.from({ length: Math.min(options.concurrency ?? DEFAULT_CONCURRENCY, Math.max(1, queue.length)) }, () =>
      worker().catch((e: unknown) => {
        inner.abort(e);
        throw e;
      }));
    const results = await Promise.allSettled(workers);
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected' && !isOssCseError(r.reason, 'ERR_ABORTED'));
    if (options.signal?.aborted) throw abortedError(options.signal);
    if (failed) throw failed.reason;
    const aborted = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (aborted) throw aborted.reason;

    const parts = [...done.values()].sort((a, b) => a.partNumber - b.partNumber);
    const expected = parts.reduce<bigint | undefined>((acc, p) => (acc === undefined ? BigInt(p.crc64) : crc64Combine(acc, BigInt(p.crc64), p.size)), undefined) ?? 0n;
    const complete = await send(ctx, (req) => ctx.transport.completeMultipart(key, record.uploadId, parts, req), sendOpts);
    checkCrc(complete.crc64, expected.toString(10), 'CompleteMultipartUpload');
    await ctx.store.delete(record.id);
    await session.close();
    return { key, etag: complete.etag, crc64: expected.toString(10), size: file.size, multipart: true, uploadId: record.uploadId, resumedParts };
  } catch (e) {
    await started?.session.close().catch(() => undefined);
    if (options.signal?.aborted) {
      if (started && (options.onAbort ?? 'discard') === 'discard') await discard(ctx, started.record);
      throw abortedError(options.signal);
    }
    throw e;
  } finally {
    options.signal?.removeEventListener('abort', onOuterAbort);
  }
}

/** Aborts the server upload and forgets the record (best effort on the server: the record goes either way). */
export async function discard(ctx: ClientContext, record: PendingUpload): Promise<void> {
  try {
    await send(ctx, (req) => ctx.transport.abortMultipart(record.key, record.uploadId, req), { retry: { retries: 2 } });
  } catch (e) {
    if (!isOssCseError(e, 'ERR_NOT_FOUND')) {
      await ctx.store.delete(record.id);
      throw e;
    }
  }
  await ctx.store.delete(record.id);
}

/** `computeMd5`: whether it was asked for, and the file's MD5 (one pass over the file, computed once if needed). */
interface Integrity {
  readonly wanted: boolean;
  readonly md5: () => Promise<string>;
}

async function start(
  ctx: ClientContext, file: Blob, key: string, id: string, partSize: number, integrity: Integrity, sendOpts: Parameters<typeof send>[2],
): Promise<Started> {
  const fp = await fingerprint(file, partSize, (b) => ctx.worker.digest(b));
  const plaintextMd5 = integrity.wanted ? await integrity.md5() : undefined;
  const session = await ctx.worker.openMultipart(file.size, partSize);
  try {
    // The completed object keeps Initiate's metadata, so the MD5 and length go there (not on UploadPart).
    const initiateHeaders = plaintextMd5 === undefined ? session.opened.initiateHeaders : {
      ...session.opened.initiateHeaders,
      [V2_HEADERS.unencryptedContentMd5]: plaintextMd5,
      [V2_HEADERS.unencryptedContentLength]: String(file.size),
    };
    const { uploadId } = await send(ctx, (req) => ctx.transport.initiateMultipart(key, initiateHeaders, req), sendOpts);
    const now = Date.now();
    const record: PendingUpload = {
      id, bucket: ctx.bucket, key, uploadId, partSize, dataSize: file.size,
      material: session.opened.material, fingerprint: fp, parts: [], sent: [], plaintextMd5, createdAt: now, updatedAt: now,
    };
    await ctx.store.put(record);
    return { record, session, done: new Map() };
  } catch (e) {
    await session.close().catch(() => undefined);
    throw e;
  }
}

/**
 * A pending upload of the same file whose upload id the server still knows, else undefined. Same file: the
 * fingerprint matches, every part sent has the bytes it had (SHA-256), and the whole file the MD5 recorded at
 * Initiate (`computeMd5`).
 */
async function resumeIfPossible(
  ctx: ClientContext, file: Blob, key: string, id: string, integrity: Integrity, sendOpts: Parameters<typeof send>[2],
): Promise<Started | undefined> {
  const record = await ctx.store.get(id);
  if (!record) return undefined;
  const digest = (b: Blob[]) => ctx.worker.digest(b);
  const same = sameFingerprint(await fingerprint(file, record.partSize, digest), record.fingerprint)
    && (await sentPartsUnchanged(file, record, digest))
    && (record.plaintextMd5 === undefined ? !integrity.wanted : record.plaintextMd5 === (await integrity.md5()));
  if (!same) {
    // A changed file: never reuse the old key/IV for new bytes; drop the old upload, start a new one.
    await discard(ctx, record).catch(() => undefined);
    return undefined;
  }
  let serverParts;
  try {
    serverParts = await send(ctx, (req) => ctx.transport.listParts(key, record.uploadId, req), sendOpts);
  } catch (e) {
    if (!isOssCseError(e, 'ERR_NOT_FOUND')) throw e;
    await ctx.store.delete(id);
    return undefined;
  }
  const done = new Map<number, FinishedPart>();
  for (const p of record.parts) {
    const s = serverParts.find((x) => x.partNumber === p.partNumber);
    if (s && s.etag.toUpperCase() === p.etag.toUpperCase() && s.size === p.size) done.set(p.partNumber, p);
  }
  const session = await ctx.worker.resumeMultipart(record.material);
  return { record, session, done };
}
