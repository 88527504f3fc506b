// download: an object into a local file with parallel ranged GETs, each streamed in 2 MiB steps (memory ≈
// 2 × 2 MiB × concurrency, whatever the part size).
// Every range is pinned to the ETag seen first (If-Match), the plaintext goes to a 0600 temporary file next to the
// target (its name derived from the target, never read from a checkpoint), the whole-object CRC-64 is rebuilt
// from the parts' CRCs and checked, and so are `unencrypted-content-md5`/`-length` when recorded; only then is the
// file renamed into place. A failure removes the temporary file, unless a checkpoint directory makes the download
// resumable: then the temporary file stays, named in the checkpoint, for the next run.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import {
  crc64Combine, createCrc64Wasm, createPlaintextVerifier, OssCseError, openEnvelope, parseContentRange, type ContentCipher, type Envelope,
} from '@oss-cse/core';
import { CheckpointWriter, checkpointPath, deleteCheckpoint, readCheckpoint } from '../checkpoint/store.js';
import { assertDestinationFree, StagedFile } from '../files/staged-file.js';
import { writeAt } from '../files/write-at.js';
import { checkServerCrc } from '../transfer/crc.js';
import { ProgressTracker } from '../transfer/progress.js';
import { withRetry } from '../transfer/retry.js';
import { runBounded } from '../transfer/scheduler.js';
import { checkConcurrency, type ClientContext, type TransferOptions } from './context.js';
import { headWithEnvelope } from './head.js';
import type { ObjectInfo } from './metadata.js';

export interface DownloadOptions extends TransferOptions {
  /** Directory for the resume checkpoint (no checkpoint without it). */
  readonly checkpointDir?: string | undefined;
  /**
   * Replace an existing `file` (atomically, once the download is complete and verified). Default true; with
   * false an existing file is refused with ERR_DESTINATION_EXISTS before anything is downloaded.
   */
  readonly overwrite?: boolean | undefined;
}

export interface DownloadResult {
  readonly key: string;
  readonly file: string;
  readonly size: number;
  readonly etag: string;
  readonly crc64: string;
  readonly parts: number;
  readonly resumedParts: number;
  readonly info: ObjectInfo;
}

const CHECKPOINT_VERSION = 1;

export interface DownloadCheckpoint {
  readonly version: 1;
  readonly kind: 'download';
  readonly bucket: string;
  readonly key: string;
  readonly etag: string;
  readonly size: number;
  readonly partSize: number;
  /** The temporary file (for people; a resume derives the name from the target and ignores this field). */
  readonly tempFile: string;
  /** Finished parts: part number → CRC-64 (decimal) of its ciphertext. */
  readonly parts: Record<string, string>;
}

export async function downloadObject(ctx: ClientContext, key: string, file: string, options: DownloadOptions = {}): Promise<DownloadResult> {
  const { signal } = options;
  const target = resolve(file);
  const overwrite = options.overwrite !== false;
  if (!overwrite) await assertDestinationFree(target);
  const concurrency = checkConcurrency(options.concurrency ?? ctx.defaults.concurrency);
  const head = await headWithEnvelope(ctx, key, signal);
  const { parsed: envelope, headers: _h, ...info } = head;
  if (!envelope && !ctx.policy?.allowUnencrypted) {
    throw new OssCseError('ERR_NOT_ENCRYPTED', 'the object has no client-side encryption headers; pass allowUnencrypted: true to read plaintext objects');
  }
  const cipher = envelope ? await openEnvelope({ keyring: ctx.keyring, envelope, policy: ctx.policy, signal }) : null;
  const size = head.size;
  const requested = options.partSize ?? ctx.defaults.partSize;
  if (!Number.isSafeInteger(requested) || requested < 16) throw new RangeError(`"partSize" expected an integer >= 16, got ${String(requested)}`);
  const partSize = Math.floor(requested / 16) * 16;
  const partCount = Math.ceil(size / partSize);

  const tempName = downloadTempName(target, key);
  const cpPath = options.checkpointDir ? checkpointPath(options.checkpointDir, 'download', ctx.transport.bucket, key, target) : undefined;
  let saved = cpPath ? await readCheckpoint<DownloadCheckpoint>(cpPath, 'download', CHECKPOINT_VERSION) : undefined;
  // A checkpoint naming another temporary file is not ours to follow: whatever it names is neither read,
  // written nor deleted.
  if (saved && (saved.tempFile !== join(dirname(target), tempName) || saved.etag !== head.etag || saved.size !== size || saved.partSize !== partSize)) {
    saved = undefined;
  }
  const staged = await StagedFile.open(target, { overwrite, tempName, resumable: cpPath !== undefined, resumeSize: saved ? size : undefined });
  if (!staged.resumed) saved = undefined;
  const tempFile = staged.path;
  const crcs = new Map<number, bigint>(Object.entries(saved?.parts ?? {}).map(([n, c]) => [Number(n), BigInt(c)]));
  const resumedParts = crcs.size;
  const writer = cpPath ? new CheckpointWriter(cpPath) : undefined;
  const snapshot = (): DownloadCheckpoint => ({
    version: CHECKPOINT_VERSION, kind: 'download', bucket: ctx.transport.bucket, key, etag: head.etag, size, partSize, tempFile,
    parts: Object.fromEntries([...crcs].map(([n, c]) => [String(n), c.toString(10)])),
  });

  const { handle } = staged;
  try {
    if (!staged.resumed) await handle.truncate(size);
    if (writer) await writer.save(snapshot);
    const progress = new ProgressTracker(size, partCount, options.onProgress);
    if (resumedParts > 0) progress.add([...crcs.keys()].reduce((sum, n) => sum + Math.min(partSize, size - (n - 1) * partSize), 0), resumedParts);
    const staging = new StagingPool();
    const pending = Array.from({ length: partCount }, (_, i) => i + 1).filter((n) => !crcs.has(n));
    await runBounded(pending, concurrency, async (n) => {
      const offset = (n - 1) * partSize;
      const length = Math.min(partSize, size - offset);
      crcs.set(n, await fetchPart(ctx, key, head.etag, { offset, length, cipher, handle, staging, signal }));
      if (writer) await writer.save(snapshot);
      progress.add(length);
    }, signal);
  } catch (e) {
    // Resumable: the finished parts stay in the 0600 temporary file the checkpoint names. Otherwise: nothing stays.
    if (writer) await staged.keep();
    else await staged.discard();
    throw e;
  }

  let crc = 0n;
  for (let n = 1; n <= partCount; n++) crc = crc64Combine(crc, crcs.get(n)!, Math.min(partSize, size - (n - 1) * partSize));
  try {
    checkServerCrc(crc, head.crc64 ?? undefined, `download ${key}`);
    if (cipher && envelope) await verifyPlaintext(tempFile, envelope);
    await staged.commit();
  } catch (e) {
    // The parts are not to be trusted (or the target appeared meanwhile): start from scratch next time.
    await staged.discard();
    if (cpPath) await deleteCheckpoint(cpPath);
    throw e;
  }
  if (cpPath) await deleteCheckpoint(cpPath);
  return { key, file: target, size, etag: head.etag, crc64: crc.toString(10), parts: partCount, resumedParts, info };
}

/** The temporary file's name beside `target`: a function of the target and the key only. */
function downloadTempName(target: string, key: string): string {
  return `.${basename(target)}.${createHash('sha256').update(`${key}\n${target}`).digest('hex').slice(0, 12)}.oss-cse-download`;
}

/** Bytes per cipher call and file write while a part streams in (multiple of 16). */
const CHUNK = 2 * 1024 * 1024;

/**
 * Staging buffers for the blocks of parts as they stream in, reused from part to part (one per part in
 * flight): the socket's chunks are copied into one, checksummed and handed to the cipher, which copies them,
 * so no buffer is allocated per block besides the cipher's output.
 */
class StagingPool {
  readonly #free: Buffer[] = [];
  take(): Buffer {
    return this.#free.pop() ?? Buffer.allocUnsafe(CHUNK);
  }
  give(buffer: Buffer): void {
    this.#free.push(buffer);
  }
}

/**
 * One ranged GET of exactly [offset, offset+length), pinned to `etag`, streamed: every 2 MiB are checksummed,
 * decrypted and written at its place while the next ones arrive, so a part never sits whole in memory. Retried
 * whole; returns the part's ciphertext CRC-64.
 */
async function fetchPart(
  ctx: ClientContext, key: string, etag: string,
  part: { offset: number; length: number; cipher: ContentCipher | null; handle: FileHandle; staging: StagingPool; signal: AbortSignal | undefined },
): Promise<bigint> {
  const { offset, length, cipher, handle, staging, signal } = part;
  return withRetry(async () => {
    const r = await ctx.transport.getObjectStream(key, { range: `bytes=${offset}-${offset + length - 1}`, ifMatch: etag, signal });
    const cr = r.headers['content-range'];
    const got = cr ? parseContentRange(cr) : undefined;
    if (!got || got.first !== offset || got.last !== offset + length - 1) {
      r.body.destroy();
      throw new OssCseError('ERR_BAD_CONTENT_RANGE', `GetObject ${key}: asked for bytes ${offset}-${offset + length - 1}, got ${cr ?? 'the whole object'}`);
    }
    const crc = await createCrc64Wasm();
    const stage = staging.take();
    let filled = 0;
    let received = 0;
    let written = 0;
    // The previous block is decrypted and written while the next one arrives.
    let writing: Promise<void> = Promise.resolve();
    const submit = async () => {
      await writing;
      const block = stage.subarray(0, filled);
      const at = received;
      received += filled;
      filled = 0;
      // Both read the staged bytes before returning (the cipher copies them), so the stage is free again.
      crc.update(block);
      const plain = cipher ? cipher.decryptAt(offset + at, block) : Promise.resolve(Buffer.from(block));
      writing = (async () => {
        const bytes = await plain;
        await writeAt(handle, bytes, offset + at);
        written += bytes.length;
      })();
      writing.catch(() => undefined); // awaited by the next submit or at the end
    };
    try {
      for await (const chunk of r.body as AsyncIterable<Buffer>) {
        if (received + filled + chunk.length > length) throw new OssCseError('ERR_BAD_CONTENT_RANGE', `GetObject ${key}: more than the ${length} bytes asked for`);
        for (let pos = 0; pos < chunk.length;) {
          const n = Math.min(stage.length - filled, chunk.length - pos);
          chunk.copy(stage, filled, pos, pos + n);
          filled += n;
          pos += n;
          if (filled === stage.length) await submit();
        }
      }
      if (filled > 0) await submit();
      await writing;
    } catch (e) {
      r.body.destroy();
      await writing.catch(() => undefined);
      if (e instanceof OssCseError) throw e;
      throw cutOff(key, offset, e);
    } finally {
      staging.give(stage);
    }
    if (written !== length) throw cutOff(key, offset, undefined);
    return crc.value();
  }, { ...ctx.defaults.retry, signal });
}

/** A response body that ended early: retryable. */
function cutOff(key: string, offset: number, cause: unknown): OssCseError {
  return new OssCseError('ERR_TRANSPORT', `GetObject ${key}: the response for bytes from ${offset} ended early`, {
    cause, details: { status: null, ossCode: null, requestId: null, retryable: true },
  });
}

/** Checks the file against `unencrypted-content-length` / `-md5` when the writer recorded them (core's checks). */
async function verifyPlaintext(file: string, envelope: Envelope): Promise<void> {
  if (envelope.unencryptedContentLength === undefined && envelope.unencryptedContentMd5 === undefined) return;
  const verifier = await createPlaintextVerifier(envelope);
  for await (const chunk of createReadStream(file, { highWaterMark: 1024 * 1024 })) verifier.update(chunk as Buffer);
  verifier.finish();
}
