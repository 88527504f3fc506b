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
  readonly #entries = new Map<string, Entry>();
  readonly #flights = new Map<string, Flight>();
  #bytes = 0;
  /** Bumped by `clear()`: an unwrap started before it is not stored after it. */
  #generation = 0;

  constructor(limits: MaterialsCacheLimits, now: () => number = () => Date.now()) {
    this.#limits = limits;
    this.#now = now;
  }

  /** Objects whose materials are held now. */
  get size(): number {
    return this.#entries.size;
  }

  /** Bytes counted towards `maxBytes`. */
  get bytes(): number {
    return this.#bytes;
  }

  /**
   * The cached cipher of `key`, or the one `load` opens (once, however many callers ask at the same time). A
   * failed load is not stored; a caller whose load failed because another caller's signal aborted it loads again.
   */
  async get(
    key: string,
    load: (signal: AbortSignal | undefined) => Promise<ContentCipher>,
    signal?: AbortSignal,
  ): Promise<ContentCipher> {
    signal?.throwIfAborted();
    // Entries unwrapped maxAgeMs ago or earlier are dropped, used or not.
    const cutoff = this.#now() - this.#limits.maxAgeMs;
    for (const [k, entry] of this.#entries) if (entry.created <= cutoff) this.#remove(k);
    const hit = this.#entries.get(key);
    if (hit) {
      this.#entries.delete(key);
      this.#entries.set(key, hit);
      return hit.cipher;
    }
    for (;;) {
      const flight = this.#flights.get(key) ?? this.#start(key, load, signal);
      try {
        return await flight.promise;
      } catch (e) {
        if (flight.signal?.aborted && !signal?.aborted) continue;
        throw e;
      }
    }
  }

  /** Forgets every entry (and what unwraps in flight would have stored). */
  clear(): void {
    this.#generation++;
    this.#entries.clear();
    this.#flights.clear();
    this.#bytes = 0;
  }

  #start(key: string, load: (signal: AbortSignal | undefined) => Promise<ContentCipher>, signal?: AbortSignal): Flight {
    const generation = this.#generation;
    const promise = load(signal).finally(() => {
      if (this.#flights.get(key) === flight) this.#flights.delete(key);
    });
    const flight: Flight = { promise, signal };
    this.#flights.set(key, flight);
    void promise.then((cipher) => {
      if (generation === this.#generation) this.#store(key, cipher);
    }, Boolean);
    return flight;
  }

  #store(key: string, cipher: ContentCipher): void {
    const bytes = key.length + MATERIAL_BYTES;
    if (bytes > this.#limits.maxBytes) return;
    this.#remove(key);
    this.#entries.set(key, { cipher, bytes, created: this.#now() });
    this.#bytes += bytes;
    for (const oldest of this.#entries.keys()) {
      if (this.#entries.size <= this.#limits.maxEntries && this.#bytes <= this.#limits.maxBytes) break;
      this.#remove(oldest);
    }
  }

  #remove(key: string): void {
    this.#bytes -= this.#entries.get(key)?.bytes ?? 0;
    this.#entries.delete(key);
  }
}
