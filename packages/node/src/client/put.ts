// put: one encrypted PutObject recording the plaintext MD5 and length (the data is held in memory; use `upload`
// for large data).
import { crc64Wasm, encryptObject } from '@oss-cse/core';
import { checkServerCrc } from '../transfer/crc.js';
import { withRetry } from '../transfer/retry.js';
import type { ClientContext } from './context.js';
import { requestHeaders } from './metadata.js';
import { dataToBytes, type PutData } from './source.js';

export interface PutOptions {
  /** User metadata (`x-oss-meta-<name>`), never encryption headers. */
  readonly metadata?: Record<string, string> | undefined;
  /** Content-Type stored with the object (default application/octet-stream). */
  readonly contentType?: string | undefined;
  /**
   * Record the plaintext MD5 and length (`unencrypted-content-md5` / `-length`, as oss2 records a caller's
   * Content-MD5 / Content-Length), so every full read verifies them (ERR_INTEGRITY). Default true; false
   * records the length only.
   */
  readonly computeMd5?: boolean | undefined;
  readonly signal?: AbortSignal | undefined;
}

export interface PutResult {
  readonly key: string;
  readonly etag: string;
  /** CRC-64 of the stored ciphertext, checked against the server's. */
  readonly crc64: string;
  readonly size: number;
}

export async function putObject(ctx: ClientContext, key: string, data: PutData, options: PutOptions = {}): Promise<PutResult> {
  const plaintext = await dataToBytes(data);
  const { headers, ciphertext } = await encryptObject({
    keyring: ctx.keyring, plaintext, contentLength: plaintext.length, computeMd5: options.computeMd5 !== false, signal: options.signal,
  });
  return putCiphertext(ctx, key, Buffer.from(ciphertext.buffer, ciphertext.byteOffset, ciphertext.byteLength), { ...requestHeaders(options), ...headers }, options.signal);
}

/** PUTs bytes that are already ciphertext with their headers, retrying identical bytes, checking the CRC. */
export async function putCiphertext(ctx: ClientContext, key: string, body: Buffer, headers: Record<string, string>, signal: AbortSignal | undefined): Promise<PutResult> {
  const crc = await crc64Wasm(body);
  const r = await withRetry(async () => {
    const res = await ctx.transport.putObject(key, body, { headers, signal });
    checkServerCrc(crc, res.crc64, `PutObject ${key}`);
    return res;
  }, { ...ctx.defaults.retry, signal });
  return { key, etag: r.etag, crc64: crc.toString(10), size: body.length };
}
