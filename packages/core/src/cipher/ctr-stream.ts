// A Web Streams transform that feeds a CTR cipher 16-aligned chunks of at least `chunkSize` bytes.
import { OssCseError } from '../errors.js';

export interface CtrTransformOptions {
  /** Minimum bytes per cipher call (rounded down to a multiple of 16). Default 1 MiB. */
  chunkSize?: number;
  /** Encrypts or decrypts `data` found at `offset` bytes from the start of the stream (offset is 16-aligned). */
  process: (offset: number, data: Uint8Array) => Promise<Uint8Array>;
  /**
   * Cipher calls allowed in flight at once (default 2): WebCrypto works off the main thread, so the next chunk
   * is gathered while the previous one is encrypted. Memory stays below chunkSize x (inFlight + 1).
   */
  inFlight?: number;
}

export const DEFAULT_CHUNK_SIZE = 1024 * 1024;

/**
 * Buffers input until at least `chunkSize` bytes are pending, then processes the largest 16-aligned prefix.
 * Memory stays bounded by chunkSize plus the largest input chunk.
 */
export function createCtrTransform(options: CtrTransformOptions): TransformStream<Uint8Array, Uint8Array> {
  const chunkSize = Math.max(16, Math.floor((options.chunkSize ?? DEFAULT_CHUNK_SIZE) / 16) * 16);
  let pending: Uint8Array[] = [];
  let pendingLength = 0;
  let offset = 0;
  const maxInFlight = Math.max(1, options.inFlight ?? 2);
  const inFlight: Promise<Uint8Array>[] = [];

  const take = (n: number): Uint8Array => {
    const out = new Uint8Array(n);
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

  const start = (data: Uint8Array) => {
    const p = options.process(offset, data);
    p.catch(() => undefined); // observed when awaited in order; avoids an unhandled rejection meanwhile
    inFlight.push(p);
    offset += data.length;
  };

  const emit = async (n: number, controller: TransformStreamDefaultController<Uint8Array>) => {
    const data = pending.length === 1 && pending[0]!.length === n ? (pendingLength -= n, pending.pop()!) : take(n);
    start(data);
    while (inFlight.length >= maxInFlight) controller.enqueue(await inFlight.shift()!);
  };

  return new TransformStream<Uint8Array, Uint8Array>({
    async transform(chunk, controller) {
      if (!(chunk instanceof Uint8Array)) {
        throw new OssCseError('ERR_INVALID_ARGUMENT', 'stream chunks must be Uint8Array');
      }
      if (chunk.length === 0) return;
      pending.push(chunk);
      pendingLength += chunk.length;
      if (pendingLength >= chunkSize) await emit(pendingLength - (pendingLength % 16), controller);
    },
    async flush(controller) {
      if (pendingLength > 0) {
        start(take(pendingLength));
      }
      pending = [];
      while (inFlight.length > 0) controller.enqueue(await inFlight.shift()!);
    },
  });
}
