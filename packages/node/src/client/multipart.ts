// Low-level encrypted multipart upload, like oss2's MultipartUploadCryptoContext: initiate with the data size and
// part size, upload parts in any order and concurrently, complete, abort, list parts. The data key is unwrapped
// once per upload (create or resume), never per part.
import { crc64Combine, crc64Wasm, MultipartEncryptionContext, OssCseError, type MultipartMaterial } from '@oss-cse/core';
import { checkServerCrc } from '../transfer/crc.js';
import { withRetry } from '../transfer/retry.js';
import type { UploadedPart } from '../transport/object-transport.js';
import type { ClientContext } from './context.js';

/** A finished part: what Complete and a checkpoint need. */
export interface CompletedPart {
  readonly partNumber: number;
  readonly etag: string;
  /** CRC-64 of the part's ciphertext (decimal). */
  readonly crc64: string;
  readonly size: number;
}

export interface CompleteResult {
  readonly etag: string;
  readonly crc64: string;
}

/**
 * One encrypted multipart upload.
 *
 * @example
 * ```ts
 * const upload = await client.initiateMultipartUpload('big.bin', { dataSize, partSize: 5 * 1024 * 1024 });
 * const parts = await Promise.all([1, 2].map((n) => upload.uploadPart(n, plaintextOf(n))));
 * await upload.complete(parts);
 * ```
 */
export class EncryptedMultipartUpload {
  readonly key: string;
  readonly uploadId: string;
  readonly #ctx: ClientContext;
  readonly #crypto: MultipartEncryptionContext;

  private constructor(ctx: ClientContext, key: string, uploadId: string, crypto: MultipartEncryptionContext) {
    this.#ctx = ctx;
    this.key = key;
    this.uploadId = uploadId;
    this.#crypto = crypto;
  }

  /** Starts an upload with a fresh data key and IV. */
  static async initiate(
    ctx: ClientContext,
    key: string,
    options: { dataSize: number; partSize?: number | undefined; headers?: Record<string, string> | undefined; signal?: AbortSignal | undefined },
  ): Promise<EncryptedMultipartUpload> {
    const crypto = await MultipartEncryptionContext.create({ keyring: ctx.keyring, dataSize: options.dataSize, partSize: options.partSize, signal: options.signal });
    const headers = { ...options.headers, ...crypto.initiateHeaders() };
    const uploadId = await withRetry(() => ctx.transport.initiateMultipartUpload(key, { headers, signal: options.signal }), { ...ctx.defaults.retry, signal: options.signal });
    return new EncryptedMultipartUpload(ctx, key, uploadId, crypto);
  }

  /** Continues an upload from its checkpointed material (one unwrap). */
  static async resume(ctx: ClientContext, key: string, uploadId: string, material: MultipartMaterial, signal?: AbortSignal): Promise<EncryptedMultipartUpload> {
    const crypto = await MultipartEncryptionContext.resume({ keyring: ctx.keyring, material, policy: ctx.policy, signal });
    return new EncryptedMultipartUpload(ctx, key, uploadId, crypto);
  }

  /** The wrapped key material to checkpoint (never a plaintext key). */
  get material(): MultipartMaterial {
    return this.#crypto.material;
  }

  get dataSize(): number {
    return this.#crypto.plan.dataSize;
  }

  get partSize(): number {
    return this.#crypto.plan.partSize;
  }

  get partCount(): number {
    return this.#crypto.plan.partCount;
  }

  /** Offset and length of part `n` in the object. */
  part(partNumber: number): { offset: number; length: number } {
    return this.#crypto.plan.part(partNumber);
  }

  /**
   * Encrypts and uploads part `partNumber` (its plaintext must be exactly the planned length), retrying with
   * the same ciphertext, and checks the server's CRC-64.
   */
  async uploadPart(partNumber: number, plaintext: Uint8Array, options: { signal?: AbortSignal | undefined } = {}): Promise<CompletedPart> {
    const ciphertext = await this.#crypto.encryptPart(partNumber, plaintext);
    const body = Buffer.from(ciphertext.buffer, ciphertext.byteOffset, ciphertext.byteLength);
    const crc = await crc64Wasm(body);
    const headers = this.#crypto.partHeaders();
    const { signal } = options;
    const result = await withRetry(async () => {
      const r = await this.#ctx.transport.uploadPart(this.key, this.uploadId, partNumber, body, { headers, signal });
      checkServerCrc(crc, r.crc64, `UploadPart ${this.key} #${partNumber}`);
      return r;
    }, { ...this.#ctx.defaults.retry, signal });
    return { partNumber, etag: result.etag, crc64: crc.toString(10), size: body.length };
  }

  /** The parts the server holds for this upload. */
  listParts(options: { signal?: AbortSignal | undefined } = {}): Promise<UploadedPart[]> {
    return withRetry(() => this.#ctx.transport.listParts(this.key, this.uploadId, options), { ...this.#ctx.defaults.retry, signal: options.signal });
  }

  /** Completes the upload with every planned part and checks the whole object's CRC-64. */
  complete(parts: readonly CompletedPart[], options: { signal?: AbortSignal | undefined } = {}): Promise<CompleteResult> {
    return completeUpload(this.#ctx, this.key, this.uploadId, parts, this.partCount, options.signal);
  }

  /** Aborts the upload; the server discards its parts. */
  abort(options: { signal?: AbortSignal | undefined } = {}): Promise<void> {
    return abortQuietly(this.#ctx, this.key, this.uploadId, options.signal);
  }
}

/** Completes a multipart upload of `partCount` parts and checks the combined CRC-64 against the server's. */
export async function completeUpload(
  ctx: ClientContext,
  key: string,
  uploadId: string,
  parts: readonly CompletedPart[],
  partCount: number,
  signal: AbortSignal | undefined,
): Promise<CompleteResult> {
  const sorted = [...parts].sort((a, b) => a.partNumber - b.partNumber);
  if (sorted.length !== partCount || sorted.some((p, i) => p.partNumber !== i + 1)) {
    throw new OssCseError('ERR_INVALID_ARGUMENT', `complete needs parts 1..${partCount} exactly once, got ${sorted.map((p) => p.partNumber).join(',')}`);
  }
  let crc = 0n;
  for (const p of sorted) crc = crc64Combine(crc, BigInt(p.crc64), p.size);
  let attempts = 0;
  const r = await withRetry(async () => {
    try {
      attempts++;
      return await ctx.transport.completeMultipartUpload(key, uploadId, sorted, { signal });
    } catch (e) {
      // A resent Complete whose first attempt succeeded (answer lost) finds no upload: the object tells.
      if (attempts > 1 && e instanceof OssCseError && e.code === 'ERR_NOT_FOUND') {
        const h = await ctx.transport.headObject(key, { signal });
        return { etag: h['etag'] ?? '', crc64: h['x-oss-hash-crc64ecma'], headers: h };
      }
      throw e;
    }
  }, { ...ctx.defaults.retry, signal });
  checkServerCrc(crc, r.crc64, `CompleteMultipartUpload ${key}`);
  return { etag: r.etag, crc64: crc.toString(10) };
}

/** Aborts an upload; an upload that is already gone counts as aborted. */
export async function abortQuietly(ctx: ClientContext, key: string, uploadId: string, signal?: AbortSignal): Promise<void> {
  try {
    await withRetry(() => ctx.transport.abortMultipartUpload(key, uploadId, { signal }), { ...ctx.defaults.retry, signal });
  } catch (e) {
    if (!(e instanceof OssCseError && e.code === 'ERR_NOT_FOUND')) throw e;
  }
}
