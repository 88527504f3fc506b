// One encrypted multipart upload on the server, like oss2's MultipartUploadCryptoContext: initiate with the data
// size and part size, upload parts in any order and concurrently (each encrypted once, resent identically on
// retry, CRC-64 checked), complete with the whole object's CRC-64 checked, abort, list parts. The data key is
// unwrapped once per upload (create or resume), never per part.
import { crc64Combine, OssCseError, planMultipart, type MultipartMaterial, type MultipartPlan } from '@oss-cse/core';
import type { MultipartCipher, Plaintext } from '../cipher/cipher-runner.js';
import type { EngineContext } from '../client/context.js';
import { checkServerCrc } from '../integrity/server-crc.js';
import { send, type SendOptions } from '../request/send.js';
import type { SentPart } from '../resume/records.js';
import type { UploadedPart } from '../transport/object-transport.js';

/** What `complete` returns. */
export interface CompleteResult {
  /** The ETag of the stored object. */
  readonly etag: string;
  /** CRC-64 of the whole object's ciphertext (decimal), checked against the server's. */
  readonly crc64: string;
}

/**
 * @example
 * ```ts
 * import type { TransferClient } from '@oss-cse/transfer';
 * declare const client: TransferClient, dataSize: number;
 * declare function plaintextOf(partNumber: number): Uint8Array;
 * const upload = await client.initiateMultipartUpload('big.bin', { dataSize, partSize: 5 * 1024 * 1024 });
 * const parts = await Promise.all([1, 2].map((n) => upload.uploadPart(n, plaintextOf(n))));
 * await upload.complete(parts);
 * ```
 */
export class EncryptedMultipartUpload {
  /** The object key. */
  readonly key: string;
  /** The multipart upload id. */
  readonly uploadId: string;
  /** The parts: their numbers, offsets and lengths. */
  readonly plan: MultipartPlan;
  readonly #ctx: EngineContext;
  readonly #cipher: MultipartCipher;

  private constructor(ctx: EngineContext, key: string, uploadId: string, cipher: MultipartCipher) {
    this.#ctx = ctx;
    this.key = key;
    this.uploadId = uploadId;
    this.#cipher = cipher;
    this.plan = planMultipart({ dataSize: cipher.material.dataSize, partSize: cipher.material.partSize });
  }

  /** Starts an upload with a fresh data key and IV; `headers` are the object's (metadata, content type). */
  static async initiate(
    ctx: EngineContext,
    key: string,
    options: {
      dataSize: number;
      partSize: number;
      headers?: Readonly<Record<string, string>> | undefined;
    } & SendOptions,
  ): Promise<EncryptedMultipartUpload> {
    const cipher = await ctx.cipher.openMultipart({
      dataSize: options.dataSize,
      partSize: options.partSize,
      signal: options.signal,
    });
    try {
      const headers = { ...options.headers, ...cipher.initiateHeaders };
      const uploadId = await send(ctx, (req) => ctx.transport.initiateMultipartUpload(key, headers, req), options);
      return new EncryptedMultipartUpload(ctx, key, uploadId, cipher);
    } catch (e) {
      await cipher.close();
      throw e;
    }
  }

  /** Continues an upload from its wrapped material (one unwrap). */
  static async resume(
    ctx: EngineContext,
    key: string,
    uploadId: string,
    material: MultipartMaterial,
    options: SendOptions = {},
  ): Promise<EncryptedMultipartUpload> {
    const cipher = await ctx.cipher.resumeMultipart(material, { policy: ctx.policy, signal: options.signal });
    return new EncryptedMultipartUpload(ctx, key, uploadId, cipher);
  }

  /** The wrapped key material to keep for resuming (never a plaintext key). */
  get material(): MultipartMaterial {
    return this.#cipher.material;
  }

  /**
   * Encrypts and uploads part `partNumber` (its plaintext must be exactly the planned length), resending the same
   * ciphertext on retry, and checks the server's CRC-64. `beforeSend` gets the plaintext's SHA-256 once the part is
   * encrypted, before any byte of it goes out (resume records note it there); without it the SHA-256 is not
   * computed. With `inPlace` the part is encrypted in the plaintext's own bytes (the caller's buffer, overwritten: no
   * second buffer per part).
   */
  async uploadPart(
    partNumber: number,
    plaintext: Plaintext,
    options: SendOptions & {
      beforeSend?: ((sha256: string) => Promise<void>) | undefined;
      inPlace?: boolean | undefined;
    } = {},
  ): Promise<SentPart> {
    const { beforeSend } = options;
    const encrypted = await this.encryptPart(partNumber, plaintext, {
      inPlace: options.inPlace,
      sha256: beforeSend !== undefined,
    });
    if (beforeSend) await beforeSend(encrypted.sha256!);
    return this.sendPart(encrypted, options);
  }

  /**
   * The first half of `uploadPart`: encrypts part `partNumber` (once per upload), with the plaintext's SHA-256 when
   * `sha256` is set. A caller that prepares parts ahead of their sends (a pipeline) sends the result with `sendPart`.
   */
  async encryptPart(
    partNumber: number,
    plaintext: Plaintext,
    options: { inPlace?: boolean | undefined; sha256?: boolean | undefined } = {},
  ): Promise<ReadyPart> {
    const sha256 = options.sha256 === true;
    const encrypted = await this.#cipher.encryptPart(partNumber, plaintext, { inPlace: options.inPlace, sha256 });
    if (sha256 && encrypted.plaintextSha256 === undefined)
      throw new OssCseError('ERR_INVALID_ARGUMENT', `the cipher runner returned no SHA-256 for part ${partNumber}`);
    return {
      partNumber,
      body: encrypted.body,
      crc64: encrypted.crc64,
      sha256: sha256 ? encrypted.plaintextSha256 : undefined,
    };
  }

  /** The second half of `uploadPart`: sends an encrypted part (the same bytes on every retry), checks its CRC-64. */
  async sendPart(part: ReadyPart, options: SendOptions = {}): Promise<SentPart> {
    const { partNumber, body, crc64, sha256 } = part;
    const r = await send(
      this.#ctx,
      async (req) => {
        const res = await this.#ctx.transport.uploadPart(
          this.key,
          this.uploadId,
          partNumber,
          body,
          this.#cipher.partHeaders,
          req,
        );
        checkServerCrc(crc64, res.crc64, `UploadPart ${this.key} #${partNumber}`);
        return res;
      },
      { ...options, partNumber },
    );
    return { partNumber, etag: r.etag, crc64, size: this.plan.part(partNumber).length, sha256 };
  }

  /** Hex SHA-256 of plaintext, as recorded for sent parts (the resume check). */
  digest(plaintext: Plaintext): Promise<string> {
    return this.#ctx.cipher.digest(plaintext);
  }

  /** The parts the server holds for this upload. */
  listParts(options: SendOptions = {}): Promise<UploadedPart[]> {
    return send(this.#ctx, (req) => this.#ctx.transport.listParts(this.key, this.uploadId, req), options);
  }

  /** Completes the upload with every planned part and checks the whole object's CRC-64. */
  async complete(parts: readonly CompletedPart[], options: SendOptions = {}): Promise<CompleteResult> {
    const result = await completeUpload(this.#ctx, this.key, this.uploadId, parts, this.plan.partCount, options);
    await this.#cipher.close();
    return result;
  }

  /** Aborts the upload (the server discards its parts); an upload already gone is not an error. */
  async abort(options: SendOptions = {}): Promise<void> {
    await this.#cipher.close();
    await abortUpload(this.#ctx, this.key, this.uploadId, options);
  }
}

/** A part encrypted by `encryptPart`, ready for `sendPart`. */
export interface ReadyPart {
  /** 1-based part number. */
  readonly partNumber: number;
  /** The part's ciphertext: the request body. */
  readonly body: Uint8Array;
  /** CRC-64 of `body` (decimal). */
  readonly crc64: string;
  /** Hex SHA-256 of the part's plaintext, when asked for. */
  readonly sha256: string | undefined;
}

/** What Complete needs of a part. */
export type CompletedPart = Pick<SentPart, 'partNumber' | 'etag' | 'crc64' | 'size'>;

/**
 * Completes an upload of parts 1..`partCount` and checks the whole object's CRC-64 (combined from the parts') against
 * the server's. A resent Complete whose first answer was lost finds no upload: the object's HEAD answers instead.
 */
export async function completeUpload(
  ctx: EngineContext,
  key: string,
  uploadId: string,
  parts: readonly CompletedPart[],
  partCount: number,
  options: SendOptions = {},
): Promise<CompleteResult> {
  const sorted = [...parts].sort((a, b) => a.partNumber - b.partNumber);
  if (sorted.length !== partCount || sorted.some((p, i) => p.partNumber !== i + 1)) {
    throw new OssCseError(
      'ERR_INVALID_ARGUMENT',
      `complete needs parts 1..${partCount} exactly once, got ${sorted.map((p) => p.partNumber).join(',')}`,
    );
  }
  let crc = 0n;
  for (const p of sorted) crc = crc64Combine(crc, BigInt(p.crc64), p.size);
  let attempts = 0;
  const r = await send(
    ctx,
    async (req) => {
      attempts++;
      try {
        return await ctx.transport.completeMultipartUpload(key, uploadId, sorted, req);
      } catch (e) {
        if (attempts > 1 && e instanceof OssCseError && e.code === 'ERR_NOT_FOUND') {
          const h = await ctx.transport.headObject(key, req);
          return { etag: h['etag'] ?? '', crc64: h['x-oss-hash-crc64ecma'], headers: h };
        }
        throw e;
      }
    },
    options,
  );
  checkServerCrc(crc, r.crc64, `CompleteMultipartUpload ${key}`);
  return { etag: r.etag, crc64: crc.toString(10) };
}

/** Aborts an upload by id; `ERR_NOT_FOUND` (already completed or aborted) counts as done. */
export async function abortUpload(
  ctx: EngineContext,
  key: string,
  uploadId: string,
  options: SendOptions = {},
): Promise<void> {
  try {
    await send(ctx, (req) => ctx.transport.abortMultipartUpload(key, uploadId, req), options);
  } catch (e) {
    if (!(e instanceof OssCseError && e.code === 'ERR_NOT_FOUND')) throw e;
  }
}
