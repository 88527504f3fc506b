// upload: a file, stream or bytes of any size. At or below the multipart threshold: one PutObject (recording the
// plaintext MD5 and length). Above it: parallel encrypted parts (memory ≈ part size × concurrency), retries
// resending identical ciphertext, CRC-64 checks per part and for the whole object, progress, AbortSignal, and for
// files an optional checkpoint that resumes after a crash. A checkpoint holds wrapped key material only, and the
// SHA-256 of each part's plaintext, recorded before the part is sent. A resume re-reads and re-hashes every such
// part: if the file changed (or its fingerprint did), the old upload is aborted and a new one starts with a fresh
// data key and IV, so no counter ever encrypts different bytes.

import { createHash } from 'node:crypto';
import { mkdtemp, open, rm, stat, type FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { autoPartSize, MAX_PARTS, md5Base64, OssCseError, plaintextIntegrityHeaders, type MultipartMaterial } from '@oss-cse/core';
import { CheckpointWriter, checkpointPath, deleteCheckpoint, readCheckpoint } from '../checkpoint/store.js';
import { fingerprintFile, sameFingerprint, type SourceFingerprint } from '../checkpoint/fingerprint.js';
import { fileMd5Base64 } from '../files/file-md5.js';
import { ProgressTracker } from '../transfer/progress.js';
import { runBounded } from '../transfer/scheduler.js';
import { checkConcurrency, type ClientContext, type TransferOptions } from './context.js';
import { requestHeaders } from './metadata.js';
import { abortQuietly, EncryptedMultipartUpload, type CompletedPart } from './multipart.js';
import { putObject } from './put.js';
import { ChunkReader, isStreamLike, type UploadSource } from './source.js';

export interface UploadOptions extends TransferOptions {
  /** Sources at or below this size go in one PutObject (default: the client's threshold, or `partSize` when given). */
  readonly multipartThreshold?: number | undefined;
  /** Byte count of a stream source (needed to stream a large source straight into parts). */
  readonly size?: number | undefined;
  /** Directory for the resume checkpoint of file uploads (no checkpoint without it). */
  readonly checkpointDir?: string | undefined;
  readonly metadata?: Record<string, string> | undefined;
  readonly contentType?: string | undefined;
  /**
   * Record the plaintext MD5 and length (`unencrypted-content-md5` / `-length`), so every full read verifies
   * them (ERR_INTEGRITY). Default: true for a single PutObject; a multipart upload records them only with true,
   * at the cost of one more read of the source before the upload starts (files and bytes; a stream of announced
   * `size` cannot be read twice: ERR_INVALID_ARGUMENT).
   */
  readonly computeMd5?: boolean | undefined;
  /** Called when a checkpoint could not be used and the upload started over (source changed, upload gone). */
  readonly onRestart?: ((reason: 'source-changed' | 'upload-gone') => void) | undefined;
}

export interface UploadResult {
  readonly key: string;
  readonly etag: string;
  readonly crc64: string;
  readonly size: number;
  /** Parts uploaded (0 for a single PutObject). */
  readonly parts: number;
  /** Parts skipped because a checkpoint showed them done. */
  readonly resumedParts: number;
  readonly uploadId: string | undefined;
}

const CHECKPOINT_VERSION = 1;

/** The resume record of a file upload. */
export interface UploadCheckpoint {
  readonly version: 1;
  readonly kind: 'upload';
  readonly bucket: string;
  readonly key: string;
  readonly file: string;
  readonly uploadId: string;
  readonly partSize: number;
  readonly dataSize: number;
  readonly material: MultipartMaterial;
  readonly source: SourceFingerprint;
  readonly parts: CompletedPart[];
  /**
   * Hex SHA-256 (node:crypto) of each part's plaintext, by part number, saved before the part is sent: a resume
   * re-hashes these parts of the file and starts over if any differs. (Absent in checkpoints of older versions,
   * which therefore start over.)
   */
  readonly partHashes: Record<string, string>;
}

export async function uploadObject(ctx: ClientContext, key: string, source: UploadSource, options: UploadOptions = {}): Promise<UploadResult> {
  const threshold = options.multipartThreshold ?? (options.partSize !== undefined ? options.partSize : ctx.defaults.multipartThreshold);
  if (typeof source === 'string') return uploadFile(ctx, key, resolve(source), options, threshold);
  if (source instanceof Uint8Array) {
    const integrity = options.computeMd5 === true && source.length > threshold ? await integrityOf(md5Base64(source), source.length) : undefined;
    return uploadStream(ctx, key, Readable.from([source]), { ...options, size: source.length }, threshold, integrity);
  }
  if (isStreamLike(source)) return uploadStream(ctx, key, source, options, threshold);
  throw new TypeError('"source" expected a file path, Readable, ReadableStream or Uint8Array');
}

async function uploadFile(ctx: ClientContext, key: string, file: string, options: UploadOptions, threshold: number): Promise<UploadResult> {
  const size = (await stat(file)).size;
  if (size <= threshold) return single(ctx, key, { file }, size, options);
  const partSize = partSizeFor(size, options.partSize ?? ctx.defaults.partSize);
  const handle = await open(file, 'r');
  try {
    const readPart = async (offset: number, length: number, scratch: Buffer) => readExactly(handle, offset, length, scratch);
    const integrity = options.computeMd5 === true ? () => integrityOf(fileMd5Base64(file), size) : undefined;
    if (!options.checkpointDir) return await multipart(ctx, key, size, partSize, readPart, options, undefined, integrity);
    const path = checkpointPath(options.checkpointDir, 'upload', ctx.transport.bucket, key, file);
    const source = await fingerprintFile(file, partSize);
    const result = await multipart(ctx, key, size, partSize, readPart, options, { path, file, source }, integrity);
    const after = await stat(file);
    if (after.size !== source.size || after.mtimeMs !== source.mtimeMs) {
      throw new OssCseError('ERR_SOURCE_CHANGED', `${file} changed while it was uploaded; upload it again`);
    }
    return result;
  } finally {
    await handle.close();
  }
}

async function uploadStream(
  ctx: ClientContext, key: string, stream: Readable | ReadableStream<Uint8Array>, options: UploadOptions, threshold: number,
  integrity?: IntegrityHeaders,
): Promise<UploadResult> {
  const reader = new ChunkReader(stream as AsyncIterable<Uint8Array>);
  if (options.size === undefined) {
    // Unknown size: a small stream is one PUT; a large one is spooled to a temporary file (bounded memory).
    const head = await reader.read(threshold + 1);
    if (head.length <= threshold) return single(ctx, key, head, head.length, options);
    const dir = await mkdtemp(join(tmpdir(), 'oss-cse-upload-'));
    try {
      const spool = join(dir, 'source');
      await pipeline(Readable.from((async function* () {
        yield head;
        for (;;) {
          const chunk = await reader.read(1024 * 1024);
          if (chunk.length === 0) return;
          yield chunk;
        }
      })()), createWriteStream(spool));
      return await uploadFile(ctx, key, spool, { ...options, checkpointDir: undefined }, threshold);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  const size = options.size;
  if (size <= threshold) return single(ctx, key, await reader.read(size), size, options);
  if (options.computeMd5 === true && !integrity) {
    await reader.close();
    throw new OssCseError('ERR_INVALID_ARGUMENT', 'computeMd5 for a multipart upload needs a file or bytes: a stream of announced size cannot be read twice (omit "size" to spool it)');
  }
  const partSize = partSizeFor(size, options.partSize ?? ctx.defaults.partSize);
  // Parts are handed out in order, so chaining the reads keeps the stream sequential.
  let chain: Promise<unknown> = Promise.resolve();
  const readPart = (_offset: number, length: number): Promise<Buffer> => {
    const next = chain.then(() => reader.read(length));
    chain = next.catch(() => undefined);
    return next.then((buf) => {
      if (buf.length !== length) throw new OssCseError('ERR_SOURCE_CHANGED', `the stream ended before the ${size} bytes announced in "size"`);
      return buf;
    });
  };
  try {
    return await multipart(ctx, key, size, partSize, readPart, options, undefined, integrity && (async () => integrity));
  } finally {
    await reader.close();
  }
}

async function single(ctx: ClientContext, key: string, data: Buffer | { file: string }, size: number, options: UploadOptions): Promise<UploadResult> {
  const progress = new ProgressTracker(size, 1, options.onProgress);
  const r = await putObject(ctx, key, data, options);
  progress.add(size);
  return { key, etag: r.etag, crc64: r.crc64, size, parts: 0, resumedParts: 0, uploadId: undefined };
}

interface CheckpointTarget {
  readonly path: string;
  readonly file: string;
  readonly source: SourceFingerprint;
}

/** `unencrypted-content-md5` / `-length` for InitiateMultipartUpload (the completed object carries them). */
type IntegrityHeaders = Record<string, string>;

async function integrityOf(md5: Promise<string>, length: number): Promise<IntegrityHeaders> {
  return plaintextIntegrityHeaders({ unencryptedContentMd5: await md5, unencryptedContentLength: length });
}

type ReadPart = (offset: number, length: number, scratch: Buffer) => Promise<Buffer>;

const sha256Hex = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

async function multipart(
  ctx: ClientContext,
  key: string,
  size: number,
  partSize: number,
  readPart: ReadPart,
  options: UploadOptions,
  target: CheckpointTarget | undefined,
  integrity: (() => Promise<IntegrityHeaders>) | undefined,
): Promise<UploadResult> {
  const { signal } = options;
  const concurrency = checkConcurrency(options.concurrency ?? ctx.defaults.concurrency);
  const { upload, done, hashes } = await openUpload(ctx, key, size, partSize, options, target, readPart, integrity);
  const writer = target ? new CheckpointWriter(target.path) : undefined;
  const snapshot = (): UploadCheckpoint => ({
    version: CHECKPOINT_VERSION, kind: 'upload', bucket: ctx.transport.bucket, key, file: target!.file, uploadId: upload.uploadId,
    partSize: upload.partSize, dataSize: size, material: upload.material, source: target!.source,
    parts: [...done.values()].sort((a, b) => a.partNumber - b.partNumber),
    partHashes: Object.fromEntries([...hashes].sort(([a], [b]) => a - b).map(([n, h]) => [String(n), h])),
  });
  if (writer) await writer.save(snapshot);

  const resumedParts = done.size;
  const progress = new ProgressTracker(size, upload.partCount, options.onProgress);
  if (resumedParts > 0) progress.add([...done.values()].reduce((n, p) => n + p.size, 0), resumedParts);
  const pending = Array.from({ length: upload.partCount }, (_, i) => i + 1).filter((n) => !done.has(n));
  // One read buffer per part in flight, reused: memory stays at part size × concurrency without churn.
  const scratchBuffers: Buffer[] = [];
  try {
    await runBounded(pending, concurrency, async (n) => {
      const { offset, length } = upload.part(n);
      const scratch = scratchBuffers.pop() ?? Buffer.allocUnsafeSlow(upload.partSize);
      try {
        const plaintext = await readPart(offset, length, scratch);
        if (writer) {
          // Before any of its ciphertext leaves: a resume must find what this part's counters encrypted.
          hashes.set(n, sha256Hex(plaintext));
          await writer.save(snapshot);
        }
        done.set(n, await upload.uploadPart(n, plaintext, { signal }));
      } finally {
        scratchBuffers.push(scratch);
      }
      if (writer) await writer.save(snapshot);
      progress.add(upload.part(n).length);
    }, signal);
  } catch (e) {
    // Cancelled, or failed without a checkpoint to resume from: leave nothing behind on the server.
    if (!writer || signal?.aborted) {
      await abortQuietly(ctx, key, upload.uploadId).catch(() => undefined);
      if (target) await deleteCheckpoint(target.path);
    }
    throw e;
  }
  const result = await upload.complete([...done.values()], { signal });
  if (target) await deleteCheckpoint(target.path);
  return { key, etag: result.etag, crc64: result.crc64, size, parts: upload.partCount, resumedParts, uploadId: upload.uploadId };
}

interface OpenedUpload {
  readonly upload: EncryptedMultipartUpload;
  readonly done: Map<number, CompletedPart>;
  /** SHA-256 of the plaintext of every part sent (or being sent) under this upload's key and IV. */
  readonly hashes: Map<number, string>;
}

/** A resumed upload (checkpoint valid, the sent parts' bytes unchanged, upload alive) or a fresh one. */
async function openUpload(
  ctx: ClientContext, key: string, size: number, partSize: number, options: UploadOptions, target: CheckpointTarget | undefined,
  readPart: ReadPart, integrity: (() => Promise<IntegrityHeaders>) | undefined,
): Promise<OpenedUpload> {
  const { signal } = options;
  const fresh = async (): Promise<OpenedUpload> => {
    const headers = { ...requestHeaders(options), ...(integrity ? await integrity() : {}) };
    return {
      upload: await EncryptedMultipartUpload.initiate(ctx, key, { dataSize: size, partSize, headers, signal }),
      done: new Map<number, CompletedPart>(),
      hashes: new Map<number, string>(),
    };
  };
  if (!target) return fresh();
  const saved = await readCheckpoint<UploadCheckpoint>(target.path, 'upload', CHECKPOINT_VERSION);
  if (!saved) return fresh();
  const hashes = new Map(Object.entries(saved.partHashes ?? {}).map(([n, h]) => [Number(n), h]));
  const sameSource = saved.bucket === ctx.transport.bucket && saved.key === key && saved.partSize === partSize
    && sameFingerprint(saved.source, target.source) && (await sentPartsUnchanged(saved, hashes, size, readPart));
  if (!sameSource) {
    // The source changed (or the settings did): never continue the old keystream with other bytes.
    await abortQuietly(ctx, saved.key, saved.uploadId, signal);
    await deleteCheckpoint(target.path);
    options.onRestart?.('source-changed');
    return fresh();
  }
  const upload = await EncryptedMultipartUpload.resume(ctx, key, saved.uploadId, saved.material, signal);
  let serverParts;
  try {
    serverParts = await upload.listParts({ signal });
  } catch (e) {
    if (!(e instanceof OssCseError && e.code === 'ERR_NOT_FOUND')) throw e;
    await deleteCheckpoint(target.path);
    options.onRestart?.('upload-gone');
    return fresh();
  }
  const onServer = new Map(serverParts.map((p) => [p.partNumber, p]));
  const done = new Map<number, CompletedPart>();
  for (const p of saved.parts) {
    const s = onServer.get(p.partNumber);
    if (s && s.etag.toUpperCase() === p.etag.toUpperCase() && s.size === p.size) done.set(p.partNumber, p);
  }
  return { upload, done, hashes };
}

/**
 * Re-reads every part the checkpoint says was sent and compares its SHA-256 with the recorded one. A finished part
 * without a hash (an older checkpoint) or a hash of a part outside the plan counts as changed.
 */
async function sentPartsUnchanged(saved: UploadCheckpoint, hashes: Map<number, string>, size: number, readPart: ReadPart): Promise<boolean> {
  if (saved.parts.some((p) => !hashes.has(p.partNumber))) return false;
  const partCount = Math.ceil(size / saved.partSize);
  const scratch = Buffer.allocUnsafe(Math.min(saved.partSize, size));
  for (const [n, hash] of hashes) {
    if (!Number.isSafeInteger(n) || n < 1 || n > partCount) return false;
    const offset = (n - 1) * saved.partSize;
    const plaintext = await readPart(offset, Math.min(saved.partSize, size - offset), scratch).catch(() => undefined);
    if (!plaintext || sha256Hex(plaintext) !== hash) return false;
  }
  return true;
}

/** The requested part size, grown (doubling, like oss2) when 10,000 parts would not hold `size`; core validates it. */
export function partSizeFor(size: number, requested: number): number {
  if (!Number.isSafeInteger(requested) || requested <= 0) throw new RangeError(`"partSize" expected a positive integer, got ${String(requested)}`);
  return requested * MAX_PARTS >= size ? requested : autoPartSize(size, requested);
}

async function readExactly(handle: FileHandle, offset: number, length: number, scratch: Buffer): Promise<Buffer> {
  const buf = scratch.subarray(0, length);
  let done = 0;
  while (done < length) {
    const { bytesRead } = await handle.read(buf, done, length - done, offset + done);
    if (bytesRead === 0) throw new OssCseError('ERR_SOURCE_CHANGED', `the file ended at ${offset + done} bytes, before the ${offset + length} expected`);
    done += bytesRead;
  }
  return buf;
}

