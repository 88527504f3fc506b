// Byte progress of one upload: parts done plus bytes in flight, with the rate since the start.

/** A progress event: plaintext bytes sent of the total, and the rate. */
export interface UploadProgress {
  readonly loaded: number;
  readonly total: number;
  /** Bytes per second since this upload (or resume) started, counting only bytes sent in this session. */
  readonly rate: number;
}

/** A part finished (or was found already uploaded when resuming). */
export interface PartEvent {
  readonly partNumber: number;
  readonly size: number;
  readonly etag: string;
  readonly crc64: string;
  readonly resumed: boolean;
}

export type ProgressListener = (p: UploadProgress) => void;

export class ProgressTracker {
  readonly #total: number;
  readonly #listener: ProgressListener | undefined;
  readonly #started = performance.now();
  readonly #inFlight = new Map<number, number>();
  #done = 0;
  #baseline = 0;
  #lastEmit = 0;

  constructor(total: number, listener: ProgressListener | undefined) {
    this.#total = total;
    this.#listener = listener;
  }

  /** Bytes that were already uploaded before this session (resume). */
  resumed(bytes: number): void {
    this.#done += bytes;
    this.#baseline += bytes;
    this.#emit(true);
  }

  inFlight(part: number, loaded: number): void {
    this.#inFlight.set(part, loaded);
    this.#emit(false);
  }

  finished(part: number, size: number): void {
    this.#inFlight.delete(part);
    this.#done += size;
    this.#emit(true);
  }

  get loaded(): number {
    let n = this.#done;
    for (const v of this.#inFlight.values()) n += v;
    return Math.min(n, this.#total);
  }

  #emit(force: boolean): void {
    if (!this.#listener) return;
    const now = performance.now();
    if (!force && now - this.#lastEmit < 100) return;
    this.#lastEmit = now;
    const loaded = this.loaded;
    const seconds = (now - this.#started) / 1000;
    this.#listener({ loaded, total: this.#total, rate: seconds > 0 ? Math.max(0, loaded - this.#baseline) / seconds : 0 });
  }
}
