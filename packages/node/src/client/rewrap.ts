// rewrap (key rotation): the object's data key and IV are unwrapped with the current keyring and wrapped with
// another master key; the ciphertext is copied byte for byte (never decrypted) under the new envelope.
//
// OSS protects CSE metadata from CopyObject REPLACE (InvalidEncryptionRequest) and refuses UploadPartCopy for
// encrypted uploads in every SDK, so the copy is a GET of the ciphertext pinned to the ETag (If-Match) and a
// PutObject (small objects) or a multipart upload of ciphertext ranges (large ones) onto the same key. The
// original stays in place until the new object is complete. Verification: the new object's CRC-64 equals the
// old one (same ciphertext), its envelope is the new one, and, when the new key can unwrap, a range decrypts
// to the same plaintext as before.
import {
  crc64Wasm, decryptObject, envelopeHeaders, Keyring, OssCseError, rewrapEnvelope, type EnvelopeHeaderInput, type EnvelopeSummary, type MasterKey,
} from '@oss-cse/core';
import { checkServerCrc } from '../transfer/crc.js';
import { ProgressTracker } from '../transfer/progress.js';
import { withRetry } from '../transfer/retry.js';
import { runBounded } from '../transfer/scheduler.js';
import { checkConcurrency, type ClientContext, type TransferOptions } from './context.js';
import { headWithEnvelope } from './head.js';
import { carriedHeaders } from './metadata.js';
import { abortQuietly, completeUpload, type CompletedPart } from './multipart.js';
import { putCiphertext } from './put.js';
import { partSizeFor } from './upload.js';

export interface RewrapOptions extends TransferOptions {
  /** The master key the object's data key is wrapped with from now on (a public key is enough). */
  readonly to: MasterKey;
}

export interface RewrapResult {
  readonly key: string;
  readonly etag: string;
  readonly crc64: string;
  readonly before: EnvelopeSummary;
  readonly after: EnvelopeSummary;
  /** True when a range was decrypted with the new key and matched the old plaintext. */
  readonly decryptVerified: boolean;
}

const SAMPLE = 4096;

export async function rewrapObject(ctx: ClientContext, key: string, options: RewrapOptions): Promise<RewrapResult> {
  const { signal } = options;
  if (!options.to || typeof options.to.wrap !== 'function') throw new TypeError('"to" expected a MasterKey');
  const head = await headWithEnvelope(ctx, key, signal);
  if (!head.parsed) throw new OssCseError('ERR_NOT_ENCRYPTED', `${key} has no client-side encryption headers: nothing to rewrap`);
  const wrapped = await rewrapEnvelope({ keyring: ctx.keyring, envelope: head.parsed, to: options.to, policy: ctx.policy, signal });
  const sampleEnd = Math.min(head.size, SAMPLE) - 1;
  const sampleBefore = sampleEnd >= 0 && options.to.canUnwrap ? await sample(ctx, ctx.keyring, key, head.etag, sampleEnd, signal) : undefined;

  const carried = carriedHeaders(head.headers);
  const oldCrc = head.crc64 === null ? undefined : head.crc64;
  let etag: string;
  let crc: string;
  if (head.size <= ctx.defaults.multipartThreshold) {
    const body = await withRetry(() => ctx.transport.getObject(key, { ifMatch: head.etag, signal }), { ...ctx.defaults.retry, signal });
    checkServerCrc(await crc64Wasm(body.body), oldCrc, `GetObject ${key}`);
    const r = await putCiphertext(ctx, key, body.body, { ...carried, ...envelopeHeaders(wrapped, { operation: 'put' }) }, signal);
    options.onProgress?.({ bytesDone: head.size, bytesTotal: head.size, partsDone: 1, partsTotal: 1 });
    ({ etag, crc64: crc } = r);
  } else {
    ({ etag, crc64: crc } = await copyInParts(ctx, key, head.etag, head.size, wrapped, carried, options));
  }
  checkServerCrc(BigInt(crc), oldCrc, `rewrap ${key}`);

  const after = await headWithEnvelope(ctx, key, signal);
  if (!after.parsed || after.parsed.keyHeader !== envelopeHeaders(wrapped, { operation: 'put' })['x-oss-meta-client-side-encryption-key']) {
    throw new OssCseError('ERR_INTEGRITY', `${key} does not carry the new envelope after rewrap (changed concurrently?)`);
  }
  let decryptVerified = false;
  if (sampleBefore) {
    const sampleAfter = await sample(ctx, new Keyring(options.to), key, after.etag, sampleEnd, signal);
    if (!sampleAfter.equals(sampleBefore)) throw new OssCseError('ERR_INTEGRITY', `${key} decrypts differently after rewrap`);
    decryptVerified = true;
  }
  return { key, etag, crc64: crc, before: head.envelope!, after: after.envelope!, decryptVerified };
}

/** Plaintext of bytes 0..end decrypted with `keyring` (pinned to `etag`). */
async function sample(ctx: ClientContext, keyring: ClientContext['keyring'], key: string, etag: string, end: number, signal: AbortSignal | undefined): Promise<Buffer> {
  const r = await withRetry(() => ctx.transport.getObject(key, { range: `bytes=0-${end}`, ifMatch: etag, signal }), { ...ctx.defaults.retry, signal });
  const plain = await decryptObject({ keyring, headers: r.headers, ciphertext: new Uint8Array(r.body), range: { start: 0, end }, contentRange: r.headers['content-range'] ?? null, policy: ctx.policy });
  return Buffer.from(plain);
}

async function copyInParts(
  ctx: ClientContext, key: string, etag: string, size: number, wrapped: EnvelopeHeaderInput, carried: Record<string, string>, options: RewrapOptions,
): Promise<{ etag: string; crc64: string }> {
  const { signal } = options;
  const partSize = partSizeFor(size, options.partSize ?? ctx.defaults.partSize);
  const partCount = Math.ceil(size / partSize);
  const target = { operation: 'initiate-multipart', dataSize: size, partSize } as const;
  const uploadId = await withRetry(
    () => ctx.transport.initiateMultipartUpload(key, { headers: { ...carried, ...envelopeHeaders(wrapped, target) }, signal }),
    { ...ctx.defaults.retry, signal },
  );
  const partHeaders = envelopeHeaders(wrapped, { ...target, operation: 'upload-part' });
  const parts: CompletedPart[] = [];
  const progress = new ProgressTracker(size, partCount, options.onProgress);
  try {
    await runBounded(Array.from({ length: partCount }, (_, i) => i + 1), checkConcurrency(options.concurrency ?? ctx.defaults.concurrency), async (n) => {
      const offset = (n - 1) * partSize;
      const last = Math.min(size, offset + partSize) - 1;
      const body = (await withRetry(() => ctx.transport.getObject(key, { range: `bytes=${offset}-${last}`, ifMatch: etag, signal }), { ...ctx.defaults.retry, signal })).body;
      if (body.length !== last - offset + 1) throw new OssCseError('ERR_BAD_CONTENT_RANGE', `GetObject ${key}: expected ${last - offset + 1} bytes at ${offset}, got ${body.length}`);
      const crc = await crc64Wasm(body);
      const r = await withRetry(async () => {
        const res = await ctx.transport.uploadPart(key, uploadId, n, body, { headers: partHeaders, signal });
        checkServerCrc(crc, res.crc64, `UploadPart ${key} #${n}`);
        return res;
      }, { ...ctx.defaults.retry, signal });
      parts.push({ partNumber: n, etag: r.etag, crc64: crc.toString(10), size: body.length });
      progress.add(body.length);
    }, signal);
    return await completeUpload(ctx, key, uploadId, parts, partCount, signal);
  } catch (e) {
    await abortQuietly(ctx, key, uploadId).catch(() => undefined);
    throw e;
  }
}
