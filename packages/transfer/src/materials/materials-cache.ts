// The decrypted-materials cache: the content materials (a non-extractable AES-CTR CryptoKey and the IV) of objects a
// client has read, so that reading an object again, or another range of it, unwraps nothing. Bounded by entries,
// bytes and age; single-flight (concurrent reads of one object unwrap once); failures are never stored. A pure
// in-memory structure owned by one client: nothing in it is ever persisted.
import type { ContentMaterials } from '@oss-cse/core';

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

/** The limits of a materials cache, each given (see {@link materialsCacheLimits}). */
export type MaterialsCacheLimits = Required<{ [K in keyof MaterialsCacheOptions]: number }>;

/** The data key (32 bytes) and IV (16 bytes) an entry stands for, counted towards `maxBytes`. */
export const MATERIAL_BYTES = 48;

interface Entry {
  readonly materials: ContentMaterials;
  readonly created: number;
}

/**
 * @example
 * ```ts
 * import { openContentMaterials, parseEnvelope, type Keyring } from '@oss-cse/core';
 * import { MaterialsCache, materialsCacheKey } from '@oss-cse/transfer';
 * declare const keyring: Keyring, headers: Record<string, string>;
 * const envelope = parseEnvelope(headers)!;
 * const cache = new MaterialsCache({ maxEntries: 1000, maxBytes: 1 << 20, maxAgeMs: 300_000 });
 * const materials = await cache.get(materialsCacheKey(envelope), () => openContentMaterials({ keyring, envelope }));
 * ```
 */
export class MaterialsCache {
  readonly #limits: MaterialsCacheLimits;
  readonly #now: () => number;
  /** Least recently used first. */
  readonly #entries = new Map<string, Entry>();
  /** The same keys, oldest unwrap first: expiry looks at the expired ones only, not at every entry per call. */
  readonly #byAge = new Map<string, number>();
  readonly #flights = new Map<string, Promise<ContentMaterials>>();
  #bytes = 0;
  /** Bumped by `clear()`: an unwrap started before it is not stored after it. */
  #generation = 0;

  constructor(limits: MaterialsCacheLimits, now: () => number = Date.now) {
    this.#limits = limits;
    this.#now = now;
  }

  /**
   * The cached materials of `key`, or those `load` opens: once, however many callers ask at the same time, so the
   * load runs without any caller's signal (one caller's abort must not fail the others; a KMS request has its own
   * timeout, and an aborted read stops at its next request). A failed load is not stored.
   */
  async get(key: string, load: () => Promise<ContentMaterials>): Promise<ContentMaterials> {
    // Entries unwrapped maxAgeMs ago or earlier are dropped, used or not (a hit's own age is checked too: a clock
    // set back can leave a younger entry behind an older one in #byAge).
    const cutoff = this.#now() - this.#limits.maxAgeMs;
    for (const [k, created] of this.#byAge) {
      if (created > cutoff) break;
      this.#remove(k);
    }
    const hit = this.#entries.get(key);
    if (hit && hit.created <= cutoff) this.#remove(key);
    else if (hit) {
      this.#entries.delete(key);
      this.#entries.set(key, hit);
      return hit.materials;
    }
    return this.#flights.get(key) ?? this.#start(key, load);
  }

  /** Forgets every entry (and what unwraps in flight would have stored). */
  clear(): void {
    this.#generation++;
    this.#entries.clear();
    this.#byAge.clear();
    this.#flights.clear();
    this.#bytes = 0;
  }

  #start(key: string, load: () => Promise<ContentMaterials>): Promise<ContentMaterials> {
    const generation = this.#generation;
    const flight = load().finally(() => {
      if (this.#flights.get(key) === flight) this.#flights.delete(key);
    });
    this.#flights.set(key, flight);
    void flight.then((materials) => {
      if (generation === this.#generation) this.#store(key, materials);
    }, Boolean);
    return flight;
  }

  #store(key: string, materials: ContentMaterials): void {
    const bytes = key.length + MATERIAL_BYTES;
    if (bytes > this.#limits.maxBytes) return;
    this.#remove(key);
    const created = this.#now();
    this.#entries.set(key, { materials, created });
    this.#byAge.set(key, created);
    this.#bytes += bytes;
    for (const oldest of this.#entries.keys()) {
      if (this.#entries.size <= this.#limits.maxEntries && this.#bytes <= this.#limits.maxBytes) break;
      this.#remove(oldest);
    }
  }

  #remove(key: string): void {
    this.#byAge.delete(key);
    if (this.#entries.delete(key)) this.#bytes -= key.length + MATERIAL_BYTES;
  }
}
