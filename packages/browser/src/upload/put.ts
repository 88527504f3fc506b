// Small files: encrypted in the Worker (plaintext MD5 and length recorded unless `computeMd5: false`), one
// PutObject, CRC-64 checked.
import { OssCseError } from '@oss-cse/core';
import { send, type ClientContext } from '../transfer/context.js';
import { throwIfAborted } from '../errors.js';
import { ProgressTracker } from './progress.js';
import type { UploadOptions, UploadResult } from './options.js';

export async function putSmall(ctx: ClientContext, file: Blob, key: string, options: UploadOptions): Promise<UploadResult> {
  const progress = new ProgressTracker(file.size, options.onProgress);
  throwIfAborted(options.signal);
  const enc = await ctx.worker.encryptObject(file, { computeMd5: options.computeMd5 ?? true });
  throwIfAborted(options.signal);
  const res = await send(ctx, async (req) => {
    const r = await ctx.transport.put(key, enc.ciphertext, enc.headers, req);
    checkCrc(r.crc64, enc.crc64, 'PutObject');
    return r;
  }, { signal: options.signal, onRetry: options.onRetry, retry: options.retry, onUploadProgress: (n) => progress.inFlight(1, n) });
  progress.finished(1, file.size);
  return { key, etag: res.etag, crc64: enc.crc64, size: file.size, multipart: false, resumedParts: 0 };
}

/** Compares the server's CRC-64 with ours; a missing header means the CORS rule hides it. */
export function checkCrc(server: string | null, local: string, operation: string): void {
  if (server === null) {
    throw new OssCseError('ERR_CORS', `${operation}: x-oss-hash-crc64ecma is not readable; add it to the bucket CORS rule's ExposeHeader`, {
      details: { missingAllowedHeaders: [], missingExposeHeaders: ['x-oss-hash-crc64ecma'] },
    });
  }
  if (server !== local) {
    throw new OssCseError('ERR_CRC_MISMATCH', `${operation}: the server stored bytes whose CRC-64 ${server} differs from the sent ${local}`, { details: { server, local } });
  }
}
