// The one progress shape of every transfer: bytes and parts done out of the total, with bytes in flight counted
// as they are sent, and the rate of this run.

/** One progress report. */
export interface TransferProgress {
  /** Bytes done, including parts finished by an earlier (resumed) run and bytes of requests in flight. */
  readonly bytesDone: number;
  /** Bytes of the whole transfer. */
  readonly bytesTotal: number;
  /** Parts finished, including those of an earlier run. */
  readonly partsDone: number;
  /** Parts of the whole transfer (1 for one request). */
  readonly partsTotal: number;
  /** Bytes per second since this run started, counting only bytes moved by this run. */
  readonly bytesPerSecond: number;
}

/** Receives progress reports. */
export type ProgressListener = (progress: TransferProgress) => void;

/** A part finished (or was found finished when resuming). */
export interface PartEvent {
  /** 1-based part number. */
  readonly partNumber: number;
  /** Plaintext bytes of the part. */
  readonly size: number;
  /** The ETag of the part. */
  readonly etag: string;
  /** CRC-64 of the part's ciphertext (decimal), checked against the server's. */
  readonly crc64: string;
  /** True when an earlier run had finished it. */
  readonly resumed: boolean;
}

/** Emits at most every `intervalMs` for in-flight bytes; always for finished parts. */
export class ProgressTracker {
  readonly #bytesTotal: number;
  readonly #partsTotal: number;
  readonly #listener: ProgressListener | undefined;
  readonly #intervalMs: number;
  readonly #started = now();
  readonly #inFlight = new Map<number, number>();
  #bytesDone = 0;
  #partsDone = 0;
  #resumedBytes = 0;
  #lastEmit = Number.NEGATIVE_INFINITY;

  constructor(bytesTotal: number, partsTotal: number, listener: ProgressListener | undefined, intervalMs = 100) {
    this.#bytesTotal = bytesTotal;
    this.#partsTotal = partsTotal;
    this.#listener = listener;
    this.#intervalMs = intervalMs;
  }

  /** Parts an earlier run finished. */
  resumed(bytes: number, parts: number): void {
    this.#bytesDone += bytes;
    this.#partsDone += parts;
    this.#resumedBytes += bytes;
    this.#emit(true);
  }

  /** Bytes of part `partNumber` sent so far (may go back to 0 when the request is retried). */
  inFlight(partNumber: number, bytes: number): void {
    this.#inFlight.set(partNumber, bytes);
    this.#emit(false);
  }

  /** Part `partNumber` (of `bytes` plaintext bytes) is done. */
  finished(partNumber: number, bytes: number): void {
    this.#inFlight.delete(partNumber);
    this.#bytesDone += bytes;
    this.#partsDone += 1;
    this.#emit(true);
  }

  get snapshot(): TransferProgress {
    let bytes = this.#bytesDone;
    for (const b of this.#inFlight.values()) bytes += b;
    bytes = Math.min(bytes, this.#bytesTotal);
    const seconds = (now() - this.#started) / 1000;
    return {
      bytesDone: bytes,
      bytesTotal: this.#bytesTotal,
      partsDone: this.#partsDone,
      partsTotal: this.#partsTotal,
      bytesPerSecond: seconds > 0 ? Math.max(0, bytes - this.#resumedBytes) / seconds : 0,
    };
  }

  #emit(force: boolean): void {
    if (!this.#listener) return;
    const t = now();
    if (!force && t - this.#lastEmit < this.#intervalMs) return;
    this.#lastEmit = t;
    this.#listener(this.snapshot);
  }
}

function now(): number {
  return typeof performance !== 'undefined' ? performance.now() : Date.now();
}
