// Progress of a transfer: bytes and parts done out of the total.

/** One progress report. */
export interface TransferProgress {
  /** Bytes transferred so far, including parts finished in an earlier (resumed) run. */
  readonly bytesDone: number;
  readonly bytesTotal: number;
  readonly partsDone: number;
  readonly partsTotal: number;
}

export type ProgressListener = (progress: TransferProgress) => void;

/** Accumulates part completions and reports them. */
export class ProgressTracker {
  #bytesDone = 0;
  #partsDone = 0;
  readonly #bytesTotal: number;
  readonly #partsTotal: number;
  readonly #listener: ProgressListener | undefined;

  constructor(bytesTotal: number, partsTotal: number, listener: ProgressListener | undefined) {
    this.#bytesTotal = bytesTotal;
    this.#partsTotal = partsTotal;
    this.#listener = listener;
  }

  /** Records a finished part (or bytes from a resumed run) and notifies the listener. */
  add(bytes: number, parts = 1): void {
    this.#bytesDone += bytes;
    this.#partsDone += parts;
    this.emit();
  }

  emit(): void {
    this.#listener?.({ bytesDone: this.#bytesDone, bytesTotal: this.#bytesTotal, partsDone: this.#partsDone, partsTotal: this.#partsTotal });
  }
}
