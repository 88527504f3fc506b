// A Web Streams transform that feeds a CTR cipher 16-aligned pieces: large input chunks in place (no copy),
// small ones gathered, with several cipher calls in flight and the output kept in order.
import { OssCseError } from '../errors.js';

/** Options of {@link createCtrTransform}. */
export interface CtrTransformOptions {
  /**
   * Input chunks smaller than this are gathered (copied) into cipher calls of at least this many bytes
   * (rounded down to a multiple of 16); larger chunks go to the cipher as they are. Default 512 KiB: each
   * WebCrypto call has a fixed cost, so 64 KiB file-stream chunks are gathered, and Chromium allocates 1 MiB
   * and larger buffers slowly (see bench/RESULTS.md).
   */
  chunkSize?: number;
  /** Encrypts or decrypts `data` found at `offset` bytes from the start of the stream (offset is 16-aligned). */
  process: (offset: number, data: Uint8Array) => Promise<Uint8Array>;
  /**
   * Bytes allowed in cipher calls at once (default 2 MiB, at least one call). WebCrypto works off the
   * calling thread, so calls run while the next input is gathered. The stream also queues up to `chunkSize`
   * bytes of input (so the source keeps delivering while a call is awaited): memory stays below this budget
   * plus twice `chunkSize` plus one input chunk.
   */
  maxInFlightBytes?: number;
  /**
   * Set when `process` has copied `data` by the time it returns (WebCrypto's encrypt() copies its input
   * before returning its promise): gathered bytes then go through one reused buffer instead of a new
   * allocation per call. Default false.
   */
  copiesInput?: boolean;
}

/** Default bytes per cipher call of a stream (512 KiB). */
export const DEFAULT_CHUNK_SIZE = 512 * 1024;
export const DEFAULT_IN_FLIGHT_BYTES = 2 * 1024 * 1024;

const BLOCK = 16;

/**
 * Cipher calls start at 16-aligned stream offsets. A chunk that does not end on a block boundary leaves its
 * last 1..15 bytes pending; they are completed from the head of the next chunk (a copy of at most
 * `chunkSize` + 16 bytes) so that the rest of that chunk can again be processed in place.
 *
 * @example
 * ```ts
 * import { ContentCipher, createCtrTransform } from '@oss-cse/core';
 * declare const cek: Uint8Array, iv: Uint8Array, plaintext: ReadableStream<Uint8Array>;
 * const cipher = await ContentCipher.fromDataKey(cek, iv, { encrypt: true });
 * const transform = createCtrTransform({ process: (offset, data) => cipher.encryptAt(offset, data) });
 * const ciphertext = plaintext.pipeThrough(transform);
 * ```
 */
export function createCtrTransform(options: CtrTransformOptions): TransformStream<Uint8Array, Uint8Array> {
  const minCall = Math.max(BLOCK, Math.floor((options.chunkSize ?? DEFAULT_CHUNK_SIZE) / BLOCK) * BLOCK);
  const budget = Math.max(minCall, options.maxInFlightBytes ?? DEFAULT_IN_FLIGHT_BYTES);
  let pending: Uint8Array[] = [];
  let pendingLength = 0;
  let offset = 0;
  const calls: Array<{ result: Promise<Uint8Array>; length: number }> = [];
  let inFlightBytes = 0;

  let scratch: Uint8Array | undefined;
  /** Removes the first `n` pending bytes as one array (new, or the reused scratch buffer). */
  const take = (n: number): Uint8Array => {
    let out: Uint8Array;
    if (options.copiesInput) {
      if (!scratch || scratch.length < n) scratch = new Uint8Array(Math.max(n, 2 * minCall));
      out = scratch.subarray(0, n);
    } else {
      out = new Uint8Array(n);
    }
    let o = 0;
    while (o < n) {
      const head = pending[0]!;
      const want = n - o;
      if (head.length <= want) {
        out.set(head, o);
        o += head.length;
        pending.shift();
      } else {
        out.set(head.subarray(0, want), o);
        pending[0] = head.subarray(want);
        o += want;
      }
    }
    pendingLength -= n;
    return out;
  };

  const settleOldest = async (controller: TransformStreamDefaultController<Uint8Array>) => {
    const call = calls.shift()!;
    inFlightBytes -= call.length;
    controller.enqueue(await call.result);
  };

  /** Starts the cipher call for `data` (or for the first `data` pending bytes) once the budget has room. */
  const send = async (data: Uint8Array | number, controller: TransformStreamDefaultController<Uint8Array>) => {
    const length = typeof data === 'number' ? data : data.length;
    while (calls.length > 0 && inFlightBytes + length > budget) await settleOldest(controller);
    const result = options.process(offset, typeof data === 'number' ? take(data) : data);
    result.catch(() => undefined); // observed when settled in order; avoids an unhandled rejection meanwhile
    calls.push({ result, length });
    inFlightBytes += length;
    offset += length;
  };

  const queued = {
    highWaterMark: minCall,
    size: (chunk: unknown) => (chunk instanceof Uint8Array ? chunk.byteLength : 1),
  };
  return new TransformStream<Uint8Array, Uint8Array>(
    {
      async transform(chunk, controller) {
        if (!(chunk instanceof Uint8Array)) {
          throw new OssCseError('ERR_INVALID_ARGUMENT', 'stream chunks must be Uint8Array');
        }
        if (chunk.length === 0) return;
        if (chunk.length < minCall) {
          pending.push(chunk);
          pendingLength += chunk.length;
          if (pendingLength >= minCall) await send(pendingLength - (pendingLength % BLOCK), controller);
          return;
        }
        let rest = chunk;
        if (pendingLength > 0) {
          // Complete the pending bytes to a whole block from the head of this chunk; send them as one copy.
          const fill = (BLOCK - (pendingLength % BLOCK)) % BLOCK;
          if (fill > 0) {
            pending.push(rest.subarray(0, fill));
            pendingLength += fill;
          }
          rest = rest.subarray(fill);
          await send(pendingLength, controller);
        }
        const aligned = rest.length - (rest.length % BLOCK);
        if (aligned > 0) await send(rest.subarray(0, aligned), controller);
        if (aligned < rest.length) {
          pending = [rest.subarray(aligned)];
          pendingLength = rest.length - aligned;
        }
      },
      async flush(controller) {
        if (pendingLength > 0) await send(pendingLength, controller);
        pending = [];
        while (calls.length > 0) await settleOldest(controller);
      },
    },
    queued,
    queued,
  );
}
