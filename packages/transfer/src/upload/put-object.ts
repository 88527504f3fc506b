// One encrypted PutObject: the cipher runner encrypts the whole plaintext with a fresh data key and IV (recording
// its MD5 and length unless told not to), the same ciphertext is resent on retry, and the CRC-64 is checked.
import { throwIfAborted } from '@oss-cse/core';
import type { Plaintext } from '../cipher/cipher-runner.js';
import type { EngineContext, TransferOptions } from '../client/context.js';
import { checkServerCrc } from '../integrity/server-crc.js';
import { requestHeaders, type ObjectHeaderOptions } from '../objects/object-info.js';
import { ProgressTracker } from '../progress/progress.js';
import { send } from '../request/send.js';
import type { PartSource } from '../source/part-source.js';
import type { UploadOptions, UploadResult } from './upload.js';

export interface PutOptions extends ObjectHeaderOptions, Pick<TransferOptions, 'signal' | 'onRetry' | 'retry'> {
  /**
   * Record the plaintext's MD5 and length (`unencrypted-content-md5` / `-length`) so full reads verify them
   * (ERR_INTEGRITY). Default true.
   */
  readonly computeMd5?: boolean | undefined;
  /** Bytes of the request body sent so far (browsers report them as they go). */
  readonly onUploadProgress?: ((loaded: number) => void) | undefined;
}

/** What `put` returns once the object is stored. */
export interface PutResult {
  /** The object key. */
  readonly key: string;
  /** The ETag of the stored object. */
  readonly etag: string;
  /** CRC-64 of the stored ciphertext (decimal), checked against the server's. */
  readonly crc64: string;
  /** Plaintext bytes. */
  readonly size: number;
}

export async function putObject(
  ctx: EngineContext,
  key: string,
  plaintext: Plaintext,
  options: PutOptions = {},
): Promise<PutResult> {
  const { signal } = options;
  throwIfAborted(signal);
  const headers = requestHeaders(options);
  const enc = await ctx.cipher.encryptObject(plaintext, { computeMd5: options.computeMd5 !== false, signal });
  const all = { ...headers, ...enc.headers };
  const r = await send(
    ctx,
    async (req) => {
      const res = await ctx.transport.putObject(key, enc.body, all, req);
      checkServerCrc(enc.crc64, res.crc64, `PutObject ${key}`);
      return res;
    },
    options,
  );
  return { key, etag: r.etag, crc64: enc.crc64, size: enc.body.length };
}

/** The upload of a source at or below the multipart threshold: one PutObject, with progress. */
export async function uploadSingle(
  ctx: EngineContext,
  key: string,
  source: PartSource,
  options: UploadOptions = {},
): Promise<UploadResult> {
  const progress = new ProgressTracker(source.size, 1, options.onProgress);
  const plaintext = await source.read(0, source.size, options.signal);
  const r = await putObject(ctx, key, plaintext, { ...options, onUploadProgress: (n) => progress.inFlight(1, n) });
  source.release?.(plaintext);
  progress.finished(1, source.size);
  return { ...r, parts: 0, resumedParts: 0, uploadId: undefined };
}

/** PUTs bytes that already are ciphertext with their headers (rewrap), resending identical bytes, CRC checked. */
export async function putCiphertext(
  ctx: EngineContext,
  key: string,
  body: Uint8Array,
  headers: Readonly<Record<string, string>>,
  crc64: string,
  options: PutOptions = {},
): Promise<PutResult> {
  const r = await send(
    ctx,
    async (req) => {
      const res = await ctx.transport.putObject(key, body, headers, req);
      checkServerCrc(crc64, res.crc64, `PutObject ${key}`);
      return res;
    },
    options,
  );
  return { key, etag: r.etag, crc64, size: body.length };
}
