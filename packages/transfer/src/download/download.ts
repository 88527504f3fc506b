// download: an object into a sink with parallel ranged GETs, each streamed in 2 MiB steps (memory ≈ 2 × 2 MiB ×
// concurrency, whatever the part size). Every range is pinned to the ETag seen first (If-Match); each part's
// ciphertext CRC-64 is computed as it streams, the whole object's is rebuilt from them and checked, the recorded
// plaintext MD5/length are checked, and only then does the sink commit. With a resume store an interrupted
// download continues where it stopped. The client's cipher runner decrypts and checksums each step in one pass (in a
// browser, in the encryption Worker), and reads the sink back for the MD5 check.
import { crc64Combine, OssCseError, requireEnvelope } from '@oss-cse/core';
import type { Decipher } from '../cipher/cipher-runner.js';
import type { EngineContext, TransferOptions } from '../client/context.js';
import { checkConcurrency } from '../config/defaults.js';
import { checkServerCrc } from '../integrity/server-crc.js';
import { headFacts, pinnedEtag } from '../objects/head-list.js';
import { publicInfo, type ObjectInfo } from '../objects/object-info.js';
import { ProgressTracker, type ProgressListener } from '../progress/progress.js';
import { send } from '../request/send.js';
import { RECORD_VERSION, recordId, type DownloadRecord } from '../resume/records.js';
import { runBounded } from '../schedule/run-bounded.js';
import type { DownloadSink } from './download-sink.js';
import { networkError } from '../errors/oss-errors.js';

export interface DownloadOptions extends TransferOptions {
  /** Called as bytes arrive (throttled) and for every finished part. */
  readonly onProgress?: ProgressListener | undefined;
  /** Continue an interrupted download of the same object version when the client has a resume store (default true). */
  readonly resume?: boolean | undefined;
}

/** What `download` returns once the sink holds the whole verified plaintext. */
export interface DownloadResult {
  /** The object key. */
  readonly key: string;
  /** Plaintext bytes. */
  readonly size: number;
  /** The ETag of the object version read (every part was pinned to it). */
  readonly etag: string;
  /** CRC-64 of the object's ciphertext (decimal), checked against the server's. */
  readonly crc64: string;
  /** Ranged GETs the download took. */
  readonly parts: number;
  /** Parts an earlier, interrupted run had already written. */
  readonly resumedParts: number;
  /** The object (HEAD facts). */
  readonly info: ObjectInfo;
}

/** Bytes per cipher call and sink write while a part streams in (a multiple of 16). */
const STEP = 2 * 1024 * 1024;

export async function download(
  ctx: EngineContext,
  key: string,
  sink: DownloadSink,
  options: DownloadOptions = {},
): Promise<DownloadResult> {
  const { signal } = options;
  const concurrency = checkConcurrency(options.concurrency ?? ctx.defaults.concurrency);
  const head = await headFacts(ctx, key, options);
  const etag = pinnedEtag(head);
  const envelope = requireEnvelope(head.headers, ctx.policy);
  const materials = envelope ? await ctx.materials.open(envelope, signal) : null;
  const integrity = envelope && ctx.policy?.verifyIntegrity !== false ? envelope : undefined;
  const size = head.size;
  const requested = options.partSize ?? ctx.defaults.partSize;
  if (!Number.isSafeInteger(requested) || requested < 16)
    throw new RangeError(`"partSize" expected an integer >= 16, got ${String(requested)}`);
  const partSize = requested - (requested % 16);
  const partCount = Math.ceil(size / partSize);
  const store = options.resume === false ? undefined : ctx.resume;
  const id = recordId('download', ctx.transport.bucket, key, sink.destination);

  let saved = store ? await store.load(id).catch(() => undefined) : undefined;
  if (saved && (saved.kind !== 'download' || saved.etag !== etag || saved.size !== size || saved.partSize !== partSize))
    saved = undefined;
  const resumed = await sink.open(size, saved !== undefined);
  const record0 = resumed ? (saved as DownloadRecord) : undefined;
  const crcs = new Map<number, bigint>(Object.entries(record0?.parts ?? {}).map(([n, c]) => [Number(n), BigInt(c)]));
  const resumedParts = crcs.size;
  const now = Date.now();
  let record: DownloadRecord = record0 ?? {
    version: RECORD_VERSION,
    kind: 'download',
    id,
    bucket: ctx.transport.bucket,
    key,
    etag,
    size,
    partSize,
    destination: sink.destination,
    parts: {},
    createdAt: now,
    updatedAt: now,
  };
  let saving: Promise<void> = Promise.resolve();
  const save = () => {
    if (!store) return saving;
    record = {
      ...record,
      parts: Object.fromEntries([...crcs].map(([n, c]) => [String(n), c.toString(10)])),
      updatedAt: Date.now(),
    };
    const snapshot = record;
    saving = saving.then(() => store.save(snapshot));
    return saving;
  };
  const partLength = (n: number) => Math.min(partSize, size - (n - 1) * partSize);
  const decipher = await ctx.cipher.openDecipher(materials, { integrity, signal });
  try {
    await save();
    const progress = new ProgressTracker(size, partCount, options.onProgress);
    progress.resumed(
      [...crcs.keys()].reduce((sum, n) => sum + partLength(n), 0),
      resumedParts,
    );
    const stages: Uint8Array[] = [];
    const pending = Array.from({ length: partCount }, (_, i) => i + 1).filter((n) => !crcs.has(n));
    await runBounded(
      pending,
      concurrency,
      async (n) => {
        const offset = (n - 1) * partSize;
        const length = partLength(n);
        const stage = stages.pop() ?? new Uint8Array(STEP);
        try {
          crcs.set(
            n,
            await send(
              ctx,
              (req) => fetchPart(ctx, key, etag, { offset, length, decipher, sink, stage, signal }, req),
              {
                ...options,
                partNumber: n,
              },
            ),
          );
        } finally {
          stages.push(stage);
        }
        await save();
        progress.finished(n, length);
      },
      signal,
    );
    await saving;

    let crc = 0n;
    for (let n = 1; n <= partCount; n++) crc = crc64Combine(crc, crcs.get(n)!, partLength(n));
    checkServerCrc(crc, head.crc64 ?? undefined, `download ${key}`);
    if (integrity?.unencryptedContentMd5 !== undefined || integrity?.unencryptedContentLength !== undefined) {
      const reader = sink.readBack().getReader();
      for (let r = await reader.read(); !r.done; r = await reader.read()) await decipher.verify(r.value, { signal });
      await decipher.finish();
    }
    decipher.close();
    await sink.commit();
    if (store) await store.delete(id);
    return { key, size, etag, crc64: crc.toString(10), parts: partCount, resumedParts, info: publicInfo(head) };
  } catch (e) {
    decipher.close();
    await saving.catch(() => undefined);
    // An interrupted download (network, abort) may continue later; verified-wrong bytes never do.
    const keep =
      store !== undefined &&
      !(
        e instanceof OssCseError &&
        (e.code === 'ERR_CRC_MISMATCH' || e.code === 'ERR_INTEGRITY' || e.code === 'ERR_SOURCE_CHANGED')
      );
    await sink.abort(keep).catch(() => undefined);
    if (store && !keep) await store.delete(id).catch(() => undefined);
    throw e;
  }
}

interface PartJob {
  readonly offset: number;
  readonly length: number;
  readonly decipher: Decipher;
  readonly sink: DownloadSink;
  /** A reused staging buffer of STEP bytes. */
  readonly stage: Uint8Array;
  readonly signal: AbortSignal | undefined;
}

/**
 * One ranged GET of exactly [offset, offset+length), pinned to `etag`, streamed: every STEP bytes are checksummed,
 * decrypted and written at their place while the next ones arrive. Returns the part's ciphertext CRC-64.
 */
async function fetchPart(
  ctx: EngineContext,
  key: string,
  etag: string,
  job: PartJob,
  req: Parameters<EngineContext['transport']['getObject']>[2],
): Promise<bigint> {
  const { offset, length, decipher, sink, stage, signal } = job;
  const operation = `GetObject ${key}`;
  const range = `bytes=${offset}-${offset + length - 1}`;
  const r = await ctx.transport.getObject(key, { range, ifMatch: etag }, req);
  const cr = r.headers['content-range'];
  if (!cr || !cr.startsWith(`bytes ${offset}-${offset + length - 1}/`)) {
    await r.body.cancel().catch(() => undefined);
    throw new OssCseError('ERR_BAD_CONTENT_RANGE', `${operation}: asked for ${range}, got ${cr ?? 'the whole object'}`);
  }
  let crc = 0n;
  let filled = 0;
  let received = 0;
  // The previous step is decrypted and written while the next one arrives.
  let writing: Promise<void> = Promise.resolve();
  const submit = async () => {
    await writing;
    const block = stage.subarray(0, filled);
    const at = offset + received;
    received += filled;
    filled = 0;
    // The runner gets a copy of the staged bytes (it may move it to its Worker), so the stage is free again.
    writing = decipher.decrypt(at, block.slice(), { signal }).then((piece) => {
      crc = crc64Combine(crc, BigInt(piece.crc64), piece.body.length);
      return sink.write(at, piece.body);
    });
    writing.catch(() => undefined); // awaited by the next submit or at the end
  };
  const reader = r.body.getReader();
  try {
    for (let c = await reader.read(); !c.done; c = await reader.read()) {
      const chunk = c.value;
      if (received + filled + chunk.length > length)
        throw new OssCseError('ERR_BAD_CONTENT_RANGE', `${operation}: more than the ${length} bytes asked for`);
      for (let pos = 0; pos < chunk.length;) {
        const n = Math.min(stage.length - filled, chunk.length - pos);
        stage.set(chunk.subarray(pos, pos + n), filled);
        filled += n;
        pos += n;
        if (filled === stage.length) await submit();
      }
    }
    if (filled > 0) await submit();
    await writing;
  } catch (e) {
    await reader.cancel().catch(() => undefined);
    await writing.catch(() => undefined);
    if (e instanceof OssCseError) throw e;
    throw networkError(operation, `the response for bytes from ${offset} ended early`, e);
  }
  if (received !== length)
    throw networkError(operation, `the response for bytes from ${offset} ended after ${received} of ${length} bytes`);
  return crc;
}
