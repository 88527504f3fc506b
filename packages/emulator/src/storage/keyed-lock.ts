/**
 * Runs async jobs one at a time per key; jobs of different keys run concurrently. A job queues at the moment
 * `run` is called, so calls made in order run in that order. A failing job does not block the ones after it.
 *
 * @example
 * ```ts
 * const uploads = new KeyedLock();
 * await uploads.run(uploadId, async () => { check(); await save(); });
 * ```
 */
export class KeyedLock {
  private readonly tails = new Map<string, Promise<void>>();

  async run<T>(key: string, job: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    let release!: () => void;
    const done = new Promise<void>((resolve) => {
      release = resolve;
    });
    const tail = previous.then(() => done);
    this.tails.set(key, tail);
    try {
      await previous;
      return await job();
    } finally {
      release();
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }

  /** Keys with a job running or queued. */
  get size(): number {
    return this.tails.size;
  }
}
