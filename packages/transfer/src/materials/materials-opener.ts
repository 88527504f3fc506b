// How the engine turns an object's envelope into its content materials (a non-extractable CryptoKey and the IV, which
// the cipher runner decrypts with): the read policy first, then the client's
// decrypted-materials cache, then (on a miss) one unwrap with the keyring that unwraps. Every read verb of the engine
// (get, getStream, download) opens envelopes here and nowhere else.
import {
  openContentMaterials,
  type ContentMaterials,
  type Envelope,
  type Keyring,
  type ReadPolicy,
} from '@oss-cse/core';
import { materialsCacheKey } from './cache-key.js';
import { MaterialsCache, type MaterialsCacheLimits, type MaterialsCacheOptions } from './materials-cache.js';

/** Turns an object's envelope into its content materials: read policy, the materials cache, then one unwrap. */
export interface MaterialsOpener {
  /** The materials of `envelope` (ERR_POLICY, ERR_NO_MATCHING_KEY, ERR_UNWRAP_FAILED… as `openContentMaterials`). */
  open(envelope: Envelope, signal?: AbortSignal): Promise<ContentMaterials>;
  /** Forgets every cached entry. */
  clear(): void;
}

/** Options of {@link createMaterialsOpener}. */
export interface MaterialsOpenerOptions {
  /** The keyring that unwraps (a runtime may give its master keys a faster private operation). */
  readonly keyring: () => Promise<Keyring>;
  /** The client's read policy. */
  readonly policy: ReadPolicy | undefined;
  /** The cache's limits, or false for none. */
  readonly cache: MaterialsCacheLimits | false;
  /** The clock of the cache's `maxAgeMs` (tests). */
  readonly now?: (() => number) | undefined;
}

/**
 * @example
 * ```ts
 * import { parseEnvelope, type Keyring } from '@oss-cse/core';
 * import { createMaterialsOpener, DEFAULT_MATERIALS_CACHE } from '@oss-cse/transfer';
 * declare const keyring: Keyring, headers: Record<string, string>;
 * const cache = DEFAULT_MATERIALS_CACHE;
 * const materials = createMaterialsOpener({ keyring: async () => keyring, policy: undefined, cache });
 * const { key, iv } = await materials.open(parseEnvelope(headers)!);
 * ```
 */
export function createMaterialsOpener(options: MaterialsOpenerOptions): MaterialsOpener {
  const { policy } = options;
  const cache = options.cache === false ? undefined : new MaterialsCache(options.cache, options.now);
  const unwrap = async (envelope: Envelope, signal: AbortSignal | undefined) =>
    openContentMaterials({ keyring: await options.keyring(), envelope, policy, signal });
  return {
    open(envelope, signal) {
      if (!cache) return unwrap(envelope, signal);
      // The client's read policy depends only on the format version and wrap algorithm, both in the key: a hit
      // passed it when it was unwrapped.
      return cache.get(materialsCacheKey(envelope), () => unwrap(envelope, undefined));
    },
    clear() {
      cache?.clear();
    },
  };
}

/**
 * The limits of a client's `materialsCache` option: the defaults, each replaced by the value given; false (or any
 * limit 0) disables the cache.
 * @throws RangeError for a limit that is not a non-negative safe integer.
 *
 * @example
 * ```ts
 * import { materialsCacheLimits } from '@oss-cse/transfer';
 * materialsCacheLimits({ maxEntries: 10 }); // { maxEntries: 10, maxBytes: 1048576, maxAgeMs: 300000 }
 * materialsCacheLimits(false); // false: no cache
 * ```
 */
export function materialsCacheLimits(option: MaterialsCacheOptions | false | undefined): MaterialsCacheLimits | false {
  if (option === false) return false;
  // DEFAULT_MATERIALS_CACHE's values, written here so that the bundle holds them once (a test keeps them equal).
  const { maxEntries = 1_000, maxBytes = 1_048_576, maxAgeMs = 300_000 } = option ?? {};
  const limits = [maxEntries, maxBytes, maxAgeMs];
  if (!limits.every((n) => Number.isSafeInteger(n) && n >= 0))
    throw new RangeError('"materialsCache" limits must be integers >= 0');
  return limits.includes(0) ? false : { maxEntries, maxBytes, maxAgeMs };
}
