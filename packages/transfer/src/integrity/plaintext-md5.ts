// The plaintext MD5 (base64) recorded as unencrypted-content-md5, read from a random-access source piece by piece
// so that memory stays at one piece whatever the size.
import { createMd5, throwIfAborted } from '@oss-cse/core';
import type { PartSource } from '../source/part-source.js';
import { bytesOf } from '../source/blob-bytes.js';

/** Bytes read per piece. */
const PIECE = 8 * 1024 * 1024;

/**
 * @example
 * ```ts
 * const md5 = await sourceMd5(blobSource(file), signal);
 * ```
 */
export async function sourceMd5(source: PartSource, signal?: AbortSignal): Promise<string> {
  const md5 = await createMd5();
  for (let offset = 0; offset < source.size; offset += PIECE) {
    throwIfAborted(signal);
    const piece = await source.read(offset, Math.min(PIECE, source.size - offset), signal);
    md5.update(await bytesOf(piece));
    source.release?.(piece);
  }
  return md5.digestBase64();
}
