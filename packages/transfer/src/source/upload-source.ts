// What `upload` and `put` accept in every runtime, turned into a PartSource.
import { OssCseError } from '@oss-cse/core';
import type { EngineContext } from '../client/context.js';
import { blobSource, bytesSource, ChunkReader, streamSource, type PartSource } from './part-source.js';

/** Data for `upload`: bytes, UTF-8 text, a Blob or File, a Web stream, or any PartSource (e.g. a Node file). */
export type UploadSource = Uint8Array | string | Blob | ReadableStream<Uint8Array> | PartSource;

/**
 * True for a {@link PartSource} (an object with `size`, `random` and `read`), rather than bytes, text, a Blob or a
 * stream.
 *
 * @example
 * ```ts
 * import { bytesSource, isPartSource } from '@oss-cse/transfer';
 * isPartSource(bytesSource('x')); // true
 * isPartSource('x'); // false
 * ```
 */
export function isPartSource(v: unknown): v is PartSource {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as PartSource).read === 'function' &&
    typeof (v as PartSource).size === 'number'
  );
}

/**
 * A source for `data`. A stream needs `size`, unless it fits in `threshold` bytes (read into memory) or the
 * runtime can spool it (Node: a temporary file).
 *
 * @example
 * ```ts
 * import { toPartSource, type EngineContext } from '@oss-cse/transfer';
 * declare const ctx: EngineContext, file: Blob;
 * const source = await toPartSource(ctx, file, { threshold: 8 * 1024 * 1024 });
 * ```
 */
export async function toPartSource(
  ctx: EngineContext,
  data: UploadSource,
  options: { size?: number | undefined; threshold: number; signal?: AbortSignal | undefined },
): Promise<PartSource> {
  if (typeof data === 'string' || data instanceof Uint8Array) return bytesSource(data);
  if (typeof Blob !== 'undefined' && data instanceof Blob) return blobSource(data);
  if (isPartSource(data)) return data;
  if (typeof ReadableStream !== 'undefined' && data instanceof ReadableStream) {
    if (options.size !== undefined) {
      if (!Number.isSafeInteger(options.size) || options.size < 0)
        throw new RangeError(`"size" expected a non-negative integer, got ${String(options.size)}`);
      return streamSource(data, options.size);
    }
    const reader = new ChunkReader(data);
    const head = await reader.read(options.threshold + 1);
    if (head.length <= options.threshold) return bytesSource(head);
    if (!ctx.spool) {
      await reader.close();
      throw new OssCseError(
        'ERR_INVALID_ARGUMENT',
        `a stream larger than ${options.threshold} bytes needs "size" here (this runtime cannot spool it)`,
      );
    }
    return ctx.spool(rest(head, reader), options.signal);
  }
  throw new TypeError('"source" expected Uint8Array, string, Blob, ReadableStream or a PartSource');
}

async function* rest(head: Uint8Array, reader: ChunkReader): AsyncGenerator<Uint8Array> {
  yield head;
  for (;;) {
    const chunk = await reader.read(1024 * 1024);
    if (chunk.length === 0) return;
    yield chunk;
  }
}
