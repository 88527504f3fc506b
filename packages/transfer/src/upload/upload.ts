// upload: a source of any size. At or below the multipart threshold, one PutObject; above it, parallel encrypted
// parts (the next one encrypted while `concurrency` are sent: memory ≈ part size × (concurrency + 1), twice that for
// a source whose buffers cannot be encrypted in place), each resent identically on retry and CRC-64 checked, progress,
// AbortSignal, and with a resume store a record that lets a later run continue. A record holds wrapped key
// material only, and the SHA-256 of every part's plaintext, noted before the part's first byte goes out. Before a
// resumed upload continues, it re-reads and re-hashes every part it ever sent (confirmed or not): any difference (or
// a changed size or mtime) aborts the old upload and starts over with a fresh data key and IV, so a counter never
// encrypts different bytes and the object never mixes two versions of the source.
import { abortedError, autoPartSize, MAX_PARTS, OssCseError, plaintextIntegrityHeaders } from '@oss-cse/core';
import type { EngineContext, TransferOptions } from '../client/context.js';
import { checkConcurrency } from '../config/defaults.js';
import { requestHeaders, type ObjectHeaderOptions } from '../objects/object-info.js';
import { ProgressTracker, type PartEvent, type ProgressListener } from '../progress/progress.js';
import { RECORD_VERSION, recordId, type SentPart, type UploadRecord } from '../resume/records.js';
import { runBounded } from '../schedule/run-bounded.js';
import { turns } from '../schedule/turns.js';
import type { PartSource } from '../source/part-source.js';
import { abortUpload, EncryptedMultipartUpload } from './encrypted-multipart-upload.js';

export interface UploadOptions extends TransferOptions, ObjectHeaderOptions {
  /** Sources at or below this size go in one PutObject (default: the client's, or `partSize` when given). */
  readonly multipartThreshold?: number | undefined;
  /** Called as bytes are sent (throttled) and for every finished part. */
  readonly onProgress?: ProgressListener | undefined;
  /** Each finished part (and each part a resumed run found done). */
  readonly onPart?: ((part: PartEvent) => void) | undefined;
  /** Continue a pending upload of the same source to the same key when the client has a resume store (default true). */
  readonly resume?: boolean | undefined;
  /** On abort: `'discard'` (default) aborts the upload on the server and forgets it; `'keep'` leaves it resumable. */
  readonly onAbort?: 'discard' | 'keep' | undefined;
  /** A pending upload could not be continued and the upload started over. */
  readonly onRestart?: ((reason: 'source-changed' | 'upload-gone') => void) | undefined;
  /**
   * Record the plaintext's MD5 and length so full reads verify them. Default: true for one PutObject; for multipart
   * uploads false, because the MD5 must be known before InitiateMultipartUpload (true reads the source twice; a
   * stream source cannot).
   */
  readonly computeMd5?: boolean | undefined;
}

/** What `upload` returns once the object is stored. */
export interface UploadResult {
  /** The object key. */
  readonly key: string;
  /** The ETag of the stored object. */
  readonly etag: string;
  /** CRC-64 of the stored ciphertext (decimal), checked against the server's. */
  readonly crc64: string;
  /** Plaintext bytes. */
  readonly size: number;
  /** Parts uploaded (0 for one PutObject). */
  readonly parts: number;
  /** Parts a resumed run found done. */
  readonly resumedParts: number;
  /** The multipart upload id (undefined for one PutObject). */
  readonly uploadId: string | undefined;
}

/**
 * The upload of a source larger than the multipart threshold, in parts (at or below it, `uploadSingle` of
 * put-object.ts; the client loads this module with import() only for the first larger source).
 */
export function uploadParts(
  ctx: EngineContext,
  key: string,
  source: PartSource,
  options: UploadOptions = {},
): Promise<UploadResult> {
  const partSize = partSizeFor(source.size, options.partSize ?? ctx.defaults.partSize);
  return multipart(ctx, key, source, partSize, options);
}

/**
 * The requested part size, grown (doubling, like oss2) when 10,000 parts would not hold `size`; core validates it.
 *
 * @example
 * ```ts
 * import { partSizeFor } from '@oss-cse/transfer';
 * partSizeFor(10 * 1024 ** 3, 8 * 1024 ** 2); // 8 MiB: 10 GiB fits in 1 280 parts
 * ```
 */
export function partSizeFor(size: number, requested: number): number {
  if (!Number.isSafeInteger(requested) || requested <= 0)
    throw new RangeError(`"partSize" expected a positive integer, got ${String(requested)}`);
  return requested * MAX_PARTS >= size ? requested : autoPartSize(size, requested);
}

interface Opened {
  readonly upload: EncryptedMultipartUpload;
  readonly done: Map<number, SentPart>;
  readonly record: UploadRecord | undefined;
}

async function multipart(
  ctx: EngineContext,
  key: string,
  source: PartSource,
  partSize: number,
  options: UploadOptions,
): Promise<UploadResult> {
  const concurrency = checkConcurrency(options.concurrency ?? ctx.defaults.concurrency);
  // One failing part stops the others: they share an inner signal that the caller's signal also aborts.
  const inner = new AbortController();
  const outer = options.signal;
  const onOuterAbort = () => inner.abort(outer?.reason);
  if (outer?.aborted) throw abortedError(outer);
  outer?.addEventListener('abort', onOuterAbort, { once: true });
  const signal = inner.signal;
  const sendOptions = { signal, onRetry: options.onRetry, retry: options.retry };
  let opened: Opened | undefined;
  try {
    opened = await open(ctx, key, source, partSize, options, sendOptions);
    const { upload: up, done } = opened;
    let record = opened.record;
    const resumedParts = done.size;
    const progress = new ProgressTracker(source.size, up.plan.partCount, options.onProgress);
    progress.resumed(
      [...done.values()].reduce((n, p) => n + p.size, 0),
      resumedParts,
    );
    for (const p of done.values()) options.onPart?.({ ...eventOf(p), resumed: true });

    // Records are saved one at a time; the latest state wins.
    const sent: Record<string, string> = { ...record?.sent };
    let saving: Promise<void> = Promise.resolve();
    const save = () => {
      if (!record || !ctx.resume) return saving;
      record = {
        ...record,
        sent: { ...sent },
        parts: [...done.values()].sort((a, b) => a.partNumber - b.partNumber),
        updatedAt: Date.now(),
      };
      const snapshot = record;
      saving = saving.then(() => ctx.resume!.save(snapshot));
      return saving;
    };
    // Before a part's first byte goes out, the record notes the SHA-256 of its plaintext.
    const noteSent = async (n: number, sha256: string) => {
      sent[String(n)] = sha256;
      await save();
    };
    const pending = Array.from({ length: up.plan.partCount }, (_, i) => i + 1).filter((n) => !done.has(n));
    // One part more than `concurrency` is read and encrypted while `concurrency` parts are sent: the next part is
    // ready when a send ends (memory: concurrency + 1 parts). Turns to send are asked for as parts are handed out,
    // so parts go out in order, and a turn lasts until its part is recorded done (at concurrency 1, one at a time).
    const sending = turns(concurrency);
    // Once a part has failed (or the upload is aborted), parts already prepared are not sent: runBounded only stops
    // handing out new ones.
    let stopped = false;
    await runBounded(
      pending,
      concurrency + 1,
      async (n) => {
        const turn = sending();
        let endTurn: (() => void) | undefined;
        try {
          const { offset, length } = up.plan.part(n);
          const plaintext = await source.read(offset, length, signal);
          try {
            const ready = await up.encryptPart(n, plaintext, {
              // A source that takes its memory back through release hands it over until then: the part is
              // encrypted in that buffer.
              inPlace: source.release !== undefined,
              // The plaintext's SHA-256 is computed only for a record to note.
              sha256: record !== undefined,
            });
            endTurn = await turn;
            if (stopped || signal.aborted) return;
            if (ready.sha256 !== undefined) await noteSent(n, ready.sha256);
            const part = await up.sendPart(ready, {
              ...sendOptions,
              onUploadProgress: (b) => progress.inFlight(n, b),
            });
            done.set(n, part);
            await save();
            progress.finished(n, length);
            options.onPart?.({ ...eventOf(part), resumed: false });
          } finally {
            source.release?.(plaintext);
          }
        } catch (e) {
          stopped = true;
          throw e;
        } finally {
          // A turn not taken (the part failed first) is handed on once it comes.
          if (endTurn) endTurn();
          else void turn.then((end) => end());
        }
      },
      signal,
    ).catch((e: unknown) => {
      inner.abort(e);
      throw e;
    });
    const result = await up.complete([...done.values()], sendOptions);
    await saving;
    if (record) await ctx.resume!.delete(record.id);
    return {
      key,
      etag: result.etag,
      crc64: result.crc64,
      size: source.size,
      parts: up.plan.partCount,
      resumedParts,
      uploadId: up.uploadId,
    };
  } catch (e) {
    const cancelled = outer?.aborted === true;
    const resumable = opened?.record !== undefined && !(cancelled && (options.onAbort ?? 'discard') === 'discard');
    if (opened && !resumable) {
      // Cancelled, or failed without a record to resume from: leave nothing behind on the server.
      await opened.upload.abort({ retry: { retries: 2 } }).catch(() => undefined);
      if (opened.record) await ctx.resume?.delete(opened.record.id).catch(() => undefined);
    }
    if (cancelled) throw abortedError(outer);
    throw e;
  } finally {
    outer?.removeEventListener('abort', onOuterAbort);
  }
}

function eventOf(p: SentPart): Omit<PartEvent, 'resumed'> {
  return { partNumber: p.partNumber, size: p.size, etag: p.etag, crc64: p.crc64 };
}

/** A pending upload of the same source, still alive on the server and unchanged, or a new one. */
async function open(
  ctx: EngineContext,
  key: string,
  source: PartSource,
  partSize: number,
  options: UploadOptions,
  sendOptions: { signal: AbortSignal; onRetry: UploadOptions['onRetry']; retry: UploadOptions['retry'] },
): Promise<Opened> {
  const identity = source.identity;
  const store = options.resume === false || !identity || !source.random ? undefined : ctx.resume;
  const id = identity ? recordId('upload', ctx.transport.bucket, key, identity.name) : '';
  if (store) {
    const resumed = await tryResume(ctx, store, id, key, source, partSize, options, sendOptions);
    if (resumed) return resumed;
  }
  const md5 = options.computeMd5 === true ? await plaintextMd5(ctx, source, options.signal) : undefined;
  const headers = {
    ...requestHeaders(options),
    ...(md5 === undefined
      ? {}
      : plaintextIntegrityHeaders({ unencryptedContentMd5: md5, unencryptedContentLength: source.size })),
  };
  const up = await EncryptedMultipartUpload.initiate(ctx, key, {
    dataSize: source.size,
    partSize,
    headers,
    ...sendOptions,
  });
  if (!store || !identity) return { upload: up, done: new Map(), record: undefined };
  const now = Date.now();
  const record: UploadRecord = {
    version: RECORD_VERSION,
    kind: 'upload',
    id,
    bucket: ctx.transport.bucket,
    key,
    uploadId: up.uploadId,
    partSize,
    dataSize: source.size,
    material: up.material,
    source: identity,
    sent: {},
    parts: [],
    plaintextMd5: md5,
    createdAt: now,
    updatedAt: now,
  };
  try {
    await store.save(record);
  } catch (e) {
    await up.abort().catch(() => undefined);
    throw e;
  }
  return { upload: up, done: new Map(), record };
}

async function tryResume(
  ctx: EngineContext,
  store: NonNullable<EngineContext['resume']>,
  id: string,
  key: string,
  source: PartSource,
  partSize: number,
  options: UploadOptions,
  sendOptions: { signal: AbortSignal },
): Promise<Opened | undefined> {
  const saved = await store.load(id).catch(async (e: unknown) => {
    if (!(e instanceof OssCseError && e.code === 'ERR_CHECKPOINT')) throw e;
    await store.delete(id);
    return undefined;
  });
  if (!saved || saved.kind !== 'upload') return undefined;
  const restart = async (reason: 'source-changed' | 'upload-gone') => {
    if (reason === 'source-changed')
      await abortUpload(ctx, saved.key, saved.uploadId, { ...sendOptions, retry: { retries: 2 } });
    await store.delete(id);
    options.onRestart?.(reason);
    return undefined;
  };
  const identity = source.identity!;
  if (
    saved.bucket !== ctx.transport.bucket ||
    saved.key !== key ||
    saved.partSize !== partSize ||
    saved.dataSize !== source.size ||
    saved.source.size !== identity.size ||
    saved.source.lastModified !== identity.lastModified
  ) {
    return restart('source-changed');
  }
  const up = await EncryptedMultipartUpload.resume(ctx, key, saved.uploadId, saved.material, sendOptions);
  let onServer;
  try {
    onServer = new Map((await up.listParts(sendOptions)).map((p) => [p.partNumber, p]));
  } catch (e) {
    if (!(e instanceof OssCseError && e.code === 'ERR_NOT_FOUND')) throw e;
    return restart('upload-gone');
  }
  // Every part ever encrypted under this key must still hold the same plaintext, confirmed or not.
  for (const [n, sha256] of Object.entries(saved.sent)) {
    const { offset, length } = up.plan.part(Number(n));
    const plaintext = await source.read(offset, length, sendOptions.signal);
    const now = await up.digest(plaintext);
    source.release?.(plaintext);
    if (now !== sha256) return restart('source-changed');
  }
  // The recorded MD5 covers parts not sent yet too.
  if ((options.computeMd5 === true) !== (saved.plaintextMd5 !== undefined)) return restart('source-changed');
  if (saved.plaintextMd5 !== undefined && (await plaintextMd5(ctx, source, sendOptions.signal)) !== saved.plaintextMd5)
    return restart('source-changed');
  const done = new Map<number, SentPart>();
  for (const p of saved.parts) {
    const s = onServer.get(p.partNumber);
    if (
      s &&
      s.etag.toUpperCase() === p.etag.toUpperCase() &&
      s.size === p.size &&
      saved.sent[String(p.partNumber)] === p.sha256
    )
      done.set(p.partNumber, p);
  }
  return { upload: up, done, record: saved };
}

/**
 * The plaintext's MD5 (base64), read in a first pass: random sources only (a stream cannot be read twice). The cipher
 * runner hashes it (a browser's Worker off the page's thread), so the MD5 code is the runner's alone.
 */
async function plaintextMd5(ctx: EngineContext, source: PartSource, signal: AbortSignal | undefined): Promise<string> {
  if (!source.random) {
    throw new OssCseError(
      'ERR_INVALID_ARGUMENT',
      'computeMd5 for a multipart upload reads the source twice: a stream cannot be (upload a file or Blob, or leave computeMd5 off)',
    );
  }
  return ctx.cipher.md5(source, { signal });
}
