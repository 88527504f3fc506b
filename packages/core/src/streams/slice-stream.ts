import { concatBytes } from '../util/bytes.js';

/**
 * Drops the first `skip` bytes of a stream and stops after `length` more (undefined = no limit).
 *
 * @example
 * ```ts
 * import { sliceStream } from '@oss-cse/core';
 * declare const body: ReadableStream<Uint8Array>;
 * const middle = body.pipeThrough(sliceStream(8, 100)); // drops 8 bytes, then passes 100
 * ```
 */
export function sliceStream(skip: number, length: number | undefined): TransformStream<Uint8Array, Uint8Array> {
  let toSkip = skip;
  let left = length ?? Number.POSITIVE_INFINITY;
  return new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      let c = chunk;
      if (toSkip > 0) {
        const n = Math.min(toSkip, c.length);
        toSkip -= n;
        c = c.subarray(n);
      }
      if (c.length === 0 || left <= 0) return;
      if (c.length > left) c = c.subarray(0, left);
      left -= c.length;
      controller.enqueue(c);
    },
  });
}

/** Passes chunks through while observing them; `onEnd` may throw to fail the stream at its end. */
export function tapStream(
  onChunk: (c: Uint8Array) => void,
  onEnd: () => void,
): TransformStream<Uint8Array, Uint8Array> {
  return new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      onChunk(chunk);
      controller.enqueue(chunk);
    },
    flush() {
      onEnd();
    },
  });
}

/**
 * Reads a whole stream into one Uint8Array.
 *
 * @example
 * ```ts
 * import { readAll } from '@oss-cse/core';
 * const bytes = await readAll((await fetch('https://example.com/')).body!);
 * ```
 */
export async function readAll(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return concatBytes(chunks);
    chunks.push(value);
  }
}
