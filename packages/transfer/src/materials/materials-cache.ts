// The decrypted-materials cache: the content ciphers (a non-extractable AES-CTR CryptoKey and the IV) of objects a
// client has read, so that reading an object again, or another range of it, unwraps nothing. Bounded by entries,
// bytes and age; single-flight (concurrent reads of one object unwrap once); failures are never stored. A pure
// in-memory structure owned by one client: nothing in it is ever persisted.
import type { ContentCipher } from '@oss-cse/core';

/** The limits of a client's materials cache; `0` for any of them disables the cache. */
export interface MaterialsCacheOptions {
  /** Most objects whose materials are held (default 1 000). */
  readonly maxEntries?: number | undefined;
  /**
   * Most bytes held: each entry counts its key (the object's wrapped-key headers as stored, about 700 bytes for
   * RSA-2048) plus 48 bytes of key material (default 1 MiB).
   */
  readonly maxBytes?: number | undefined;
  /** Longest time materials are served after their unwrap, in ms (default 300 000: five minutes). */
  readonly maxAgeMs?: number | undefined;
}

export type MaterialsCacheLimits = Required<{ [K in keyof MaterialsCacheOptions]: number }>;

/** The data key (32 bytes) and IV (16 bytes) an entry stands for, counted towards `maxBytes`. */
export const MATERIAL_BYTES = 48;

interface Entry {
  readonly key: string;
  readonly cipher: ContentCipher;
  readonly bytes: number;
  readonly created: number;
}

interface Flight {
  readonly promise: Promise<ContentCipher>;
  readonly signal: AbortSignal | undefined;
}

/**
 * @example
 * ```ts
 * const cache = new MaterialsCache({ maxEntries: 1000, maxBytes: 1 << 20, maxAgeMs: 300_000 });
 * const cipher = await cache.get(materialsCacheKey(envelope), (signal) => openEnvelope({ keyring, envelope, signal }));
 * ```
 */
export class MaterialsCache {
  readonly #limits: MaterialsCacheLimits;
  readonly #now: () => number;
  /** Least recently used first. */
  readonly #byUse = new Map<string, Entry>();
  /** Oldest unwrap first (an entry is never re-created without being removed first). */
  readonly #byAge = new Map<string, Entry>();
  readonly #flights = new Map<string, Flight>();
  #bytes = 0;
  /** Bumped by `clear()`: an unwrap started before it is not stored after it. */
  #generation = 0;

  constructor(limits: MaterialsCacheLimits, now: () => number = () => Date.now()) {
    this.#limits = limits;
    this.#now = now;
  }

  /** Objects whose materials are held now (expired ones included until the next use of the cache). */
  get size(): number {
    return this.#byUse.size;
  }

  /** Bytes counted towards `maxBytes`. */
  get bytes(): number {
    return this.#bytes;
  }

  /**
   * The cached cipher of `key`, or the one `load` opens (once, however many callers ask at the same time). A
   * failed load is not stored; a caller whose load was aborted by another caller's signal loads again.
   */
  async get(
    key: string,
    load: (signal: AbortSignal | undefined) => Promise<ContentCipher>,
    signal?: AbortSignal,
  ): Promise<ContentCipher> {
    signal?.throwIfAborted();
    this.#expire();
    const hit = this.#byUse.get(key);
    if (hit) {
      this.#byUse.delete(key);
      this.#byUse.set(key, hit);
      return hit.cipher;
    }
    for (;;) {
      const flight = this.#flights.get(key) ?? this.#start(key, load, signal);
      try {
        return await untilAborted(flight.promise, signal);
      } catch (e) {
        if (flight.signal !== signal && flight.signal?.aborted && !signal?.aborted) continue;
        throw e;
      }
    }
  }

  /** Forgets every entry (and what unwraps in flight would have stored). */
  clear(): void {
    this.#generation++;
    this.#byUse.clear();
    this.#byAge.clear();
    this.#flights.clear();
    this.#bytes = 0;
  }

  #start(key: string, load: (signal: AbortSignal | undefined) => Promise<ContentCipher>, signal?: AbortSignal): Flight {
    const generation = this.#generation;
    const done = () => {
      if (this.#flights.get(key) === flight) this.#flights.delete(key);
    };
    const flight: Flight = {
      signal,
      promise: load(signal).then(
        (cipher) => {
          done();
          if (generation === this.#generation) this.#store(key, cipher);
          return cipher;
        },
        (e: unknown) => {
          done();
          throw e;
        },
      ),
    };
    // A caller that stopped waiting (its signal aborted) leaves no unhandled rejection behind.
    flight.promise.catch(() => undefined);
    this.#flights.set(key, flight);
    return flight;
  }

  #store(key: string, cipher: ContentCipher): void {
    const entry: Entry = { key, cipher, bytes: key.length + MATERIAL_BYTES, created: this.#now() };
    if (entry.bytes > this.#limits.maxBytes) return;
    this.#remove(key);
    this.#byUse.set(key, entry);
    this.#byAge.set(key, entry);
    this.#bytes += entry.bytes;
    for (const oldest of this.#byUse.values()) {
      if (this.#byUse.size <= this.#limits.maxEntries && this.#bytes <= this.#limits.maxBytes) break;
      this.#remove(oldest.key);
    }
  }

  /** Drops the entries unwrapped `maxAgeMs` ago or earlier. */
  #expire(): void {
    const cutoff = this.#now() - this.#limits.maxAgeMs;
    for (const entry of this.#byAge.values()) {
      if (entry.created > cutoff) break;
      this.#remove(entry.key);
    }
  }

  #remove(key: string): void {
    const entry = this.#byUse.get(key);
    if (!entry) return;
    this.#byUse.delete(key);
    this.#byAge.delete(key);
    this.#bytes -= entry.bytes;
  }
}

/** `promise`, or the signal's reason as soon as it aborts. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e as Error);
      },
    );
  });
}
