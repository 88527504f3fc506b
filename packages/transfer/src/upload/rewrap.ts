// rewrap (key rotation): the object's data key and IV are unwrapped with the current keyring and wrapped with
// another master key; the ciphertext is copied byte for byte (never decrypted) under the new envelope.
//
// OSS protects CSE metadata from CopyObject REPLACE (InvalidEncryptionRequest) and refuses UploadPartCopy for
// encrypted uploads, so the copy is a GET of the ciphertext pinned to the ETag (If-Match) and a PutObject (small
// objects) or a multipart upload of ciphertext ranges (large ones) onto the same key: the object is sent again
// once, in full. The original stays in place until the new object is complete. Verification: the new object's
// CRC-64 equals the old one (same ciphertext), its envelope is the new one, and, when the new key can unwrap, a
// range decrypts to the same plaintext as before (decrypted by the client's cipher runner, as every read).
import {
  envelopeHeaders,
  Keyring,
  openContentMaterials,
  OssCseError,
  planRangedRead,
  rewrapEnvelope,
  type Envelope,
  type EnvelopeHeaderInput,
  type EnvelopeSummary,
  type MasterKey,
} from '@oss-cse/core';
import type { DecryptedPiece } from '../cipher/cipher-runner.js';
import type { EngineContext, TransferOptions } from '../client/context.js';
import { checkConcurrency } from '../config/defaults.js';
import { decryptAnswer } from '../download/get-object.js';
import { contentLength, readBody } from '../download/read-body.js';
import { checkServerCrc } from '../integrity/server-crc.js';
import { headFacts } from '../objects/head-list.js';
import { carriedHeaders } from '../objects/object-info.js';
import { ProgressTracker, type ProgressListener } from '../progress/progress.js';
import { send } from '../request/send.js';
import { runBounded } from '../schedule/run-bounded.js';
import { abortUpload, completeUpload, type CompletedPart } from './encrypted-multipart-upload.js';
import { putCiphertext } from './put-object.js';
import { partSizeFor } from './upload.js';

export interface RewrapOptions extends TransferOptions {
  /** The master key the object's data key is wrapped with from now on (a public key is enough). */
  readonly to: MasterKey;
  /** Called as the object is copied (a rewrap writes the ciphertext again with new headers). */
  readonly onProgress?: ProgressListener | undefined;
}

/** What `rewrap` returns: the object now opens with the new master key. */
export interface RewrapResult {
  /** The object key. */
  readonly key: string;
  /** The ETag of the rewritten object. */
  readonly etag: string;
  /** CRC-64 of the stored ciphertext (decimal), checked against the server's. */
  readonly crc64: string;
  /** The envelope before (no key material). */
  readonly before: EnvelopeSummary;
  /** The envelope after (no key material). */
  readonly after: EnvelopeSummary;
  /** True when a range was decrypted with the new key and matched the old plaintext. */
  readonly decryptVerified: boolean;
}

const SAMPLE = 4096;

export async function rewrapObject(ctx: EngineContext, key: string, options: RewrapOptions): Promise<RewrapResult> {
  const { signal } = options;
  if (!options.to || typeof options.to.wrap !== 'function') throw new TypeError('"to" expected a MasterKey');
  const head = await headFacts(ctx, key, options);
  if (!head.parsed)
    throw new OssCseError('ERR_NOT_ENCRYPTED', `${key} has no client-side encryption headers: nothing to rewrap`);
  const wrapped = await rewrapEnvelope({
    keyring: ctx.keyring,
    envelope: head.parsed,
    to: options.to,
    policy: ctx.policy,
    signal,
  });
  const sampleEnd = Math.min(head.size, SAMPLE) - 1;
  const sampleBefore =
    sampleEnd >= 0 && options.to.canUnwrap
      ? await sample(ctx, ctx.keyring, key, head.etag, sampleEnd, options)
      : undefined;

  const carried = carriedHeaders(head.headers);
  const oldCrc = head.crc64 ?? undefined;
  const progress = new ProgressTracker(head.size, 1, options.onProgress);
  let result: { etag: string; crc64: string };
  if (head.size <= ctx.defaults.multipartThreshold) {
    const operation = `GetObject ${key}`;
    const read = await send(
      ctx,
      async (req) => {
        const r = await ctx.transport.getObject(key, { ifMatch: head.etag }, req);
        return readBody(r.body, operation, contentLength(r.headers));
      },
      options,
    );
    const { body, crc64: crc } = await checksummed(ctx, read);
    checkServerCrc(crc, oldCrc, operation);
    result = await putCiphertext(
      ctx,
      key,
      body,
      { ...carried, ...envelopeHeaders(wrapped, { operation: 'put' }) },
      crc,
      options,
    );
    progress.finished(1, head.size);
  } else {
    result = await copyInParts(ctx, key, head.etag, head.size, wrapped, carried, options);
  }
  checkServerCrc(result.crc64, oldCrc, `rewrap ${key}`);

  const after = await headFacts(ctx, key, options);
  if (
    !after.parsed ||
    after.parsed.keyHeader !== envelopeHeaders(wrapped, { operation: 'put' })['x-oss-meta-client-side-encryption-key']
  ) {
    throw new OssCseError(
      'ERR_INTEGRITY',
      `${key} does not carry the new envelope after rewrap (changed concurrently?)`,
    );
  }
  let decryptVerified = false;
  if (sampleBefore) {
    const sampleAfter = await sample(ctx, new Keyring(options.to), key, after.etag, sampleEnd, options);
    if (!equalBytes(sampleAfter, sampleBefore))
      throw new OssCseError('ERR_INTEGRITY', `${key} decrypts differently after rewrap`);
    decryptVerified = true;
  }
  return {
    key,
    etag: result.etag,
    crc64: result.crc64,
    before: head.envelope!,
    after: after.envelope!,
    decryptVerified,
  };
}

/** Plaintext of bytes 0..end decrypted with `keyring`, pinned to `etag`. */
async function sample(
  ctx: EngineContext,
  keyring: Keyring,
  key: string,
  etag: string,
  end: number,
  options: RewrapOptions,
): Promise<Uint8Array> {
  const operation = `GetObject ${key}`;
  const { signal } = options;
  const open = (envelope: Envelope) => openContentMaterials({ keyring, envelope, policy: ctx.policy, signal });
  return send(
    ctx,
    async (req) => {
      const res = await ctx.transport.getObject(key, { range: `bytes=0-${end}`, ifMatch: etag }, req);
      const ciphertext = await readBody(res.body, operation, contentLength(res.headers));
      const answer = { headers: res.headers, ciphertext };
      return decryptAnswer(ctx, answer, planRangedRead({ start: 0, end }), operation, { signal, open });
    },
    options,
  );
}

async function copyInParts(
  ctx: EngineContext,
  key: string,
  etag: string,
  size: number,
  wrapped: EnvelopeHeaderInput,
  carried: Record<string, string>,
  options: RewrapOptions,
): Promise<{ etag: string; crc64: string }> {
  const partSize = partSizeFor(size, options.partSize ?? ctx.defaults.partSize);
  const partCount = Math.ceil(size / partSize);
  const target = { operation: 'initiate-multipart', dataSize: size, partSize } as const;
  const initiateHeaders = { ...carried, ...envelopeHeaders(wrapped, target) };
  const uploadId = await send(ctx, (req) => ctx.transport.initiateMultipartUpload(key, initiateHeaders, req), options);
  const partHeaders = envelopeHeaders(wrapped, { ...target, operation: 'upload-part' });
  const parts: CompletedPart[] = [];
  const progress = new ProgressTracker(size, partCount, options.onProgress);
  try {
    await runBounded(
      Array.from({ length: partCount }, (_, i) => i + 1),
      checkConcurrency(options.concurrency ?? ctx.defaults.concurrency),
      async (n) => {
        const offset = (n - 1) * partSize;
        const length = Math.min(size, offset + partSize) - offset;
        const operation = `GetObject ${key}`;
        const read = await send(
          ctx,
          async (req) => {
            const r = await ctx.transport.getObject(
              key,
              { range: `bytes=${offset}-${offset + length - 1}`, ifMatch: etag },
              req,
            );
            return readBody(r.body, operation, length);
          },
          { ...options, partNumber: n },
        );
        const { body, crc64: crc } = await checksummed(ctx, read);
        const r = await send(
          ctx,
          async (req) => {
            const res = await ctx.transport.uploadPart(key, uploadId, n, body, partHeaders, req);
            checkServerCrc(crc, res.crc64, `UploadPart ${key} #${n}`);
            return res;
          },
          { ...options, partNumber: n },
        );
        parts.push({ partNumber: n, etag: r.etag, crc64: crc, size: length });
        progress.finished(n, length);
      },
      options.signal,
    );
    return await completeUpload(ctx, key, uploadId, parts, partCount, options);
  } catch (e) {
    await abortUpload(ctx, key, uploadId, { retry: { retries: 2 } }).catch(() => undefined);
    throw e;
  }
}

/**
 * Ciphertext being copied, with its CRC-64 from the cipher runner (which holds the checksum code: in a browser, the
 * Worker), passed through as the bytes of an object stored unencrypted are.
 */
async function checksummed(ctx: EngineContext, ciphertext: Uint8Array): Promise<DecryptedPiece> {
  const decipher = await ctx.cipher.openDecipher(null);
  try {
    return await decipher.decrypt(0, ciphertext);
  } finally {
    decipher.close();
  }
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
