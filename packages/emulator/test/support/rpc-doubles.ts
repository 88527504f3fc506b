import type { Clock, PersistentJson } from '../../src/shared/contracts.js';

/** A clock the test moves by hand. */
export class ManualClock implements Clock {
  constructor(private current: number) {}
  now(): number {
    return this.current;
  }
  advance(ms: number): void {
    this.current += ms;
  }
  set(ms: number): void {
    this.current = ms;
  }
}

/**
 * `PersistentJson` in memory; values go through JSON like the file-backed store, so sharing it across service instances
 * emulates a restart.
 */
export class MemoryJsonStore implements PersistentJson {
  readonly files = new Map<string, string>();
  async load<T>(name: string): Promise<T | undefined> {
    const text = this.files.get(name);
    return text === undefined ? undefined : (JSON.parse(text) as T);
  }
  async save(name: string, value: unknown): Promise<void> {
    this.files.set(name, JSON.stringify(value));
  }
}
