// One set of credentials shared by concurrent calls: refreshed once (single flight) before expiry or on demand.
import { KmsError } from '../errors.js';
import { checkCredentials, expirationMs, type CredentialsInput, type KmsCredentials } from './credentials.js';

export interface CredentialsCacheOptions {
  /** Refresh this long before `expiration` (capped at half the credentials' lifetime). Default 5 minutes. */
  readonly refreshMarginMs?: number;
  /** Clock (epoch ms); for tests. */
  readonly now?: () => number;
}

interface Entry {
  readonly credentials: KmsCredentials;
  readonly refreshAt: number;
}

/**
 * Caches what a {@link CredentialsProvider} returns. Concurrent `get()`s during a refresh share one provider
 * call; a failed refresh is not cached.
 *
 * @example
 * ```ts
 * const cache = new CredentialsCache(async () => fetchStsTokenFromMyBackend());
 * const creds = await cache.get();
 * cache.invalidate(creds); // after InvalidSecurityToken.Expired
 * ```
 */
export class CredentialsCache {
  readonly #provider: (() => Promise<KmsCredentials> | KmsCredentials) | undefined;
  readonly #margin: number;
  readonly #now: () => number;
  #entry: Entry | undefined;
  #inflight: Promise<KmsCredentials> | undefined;

  constructor(input: CredentialsInput, options: CredentialsCacheOptions = {}) {
    this.#margin = options.refreshMarginMs ?? 5 * 60_000;
    this.#now = options.now ?? Date.now;
    if (typeof input === 'function') {
      this.#provider = input;
    } else {
      this.#provider = undefined;
      this.#entry = { credentials: checkCredentials(input), refreshAt: Infinity };
    }
  }

  /** True when credentials come from a provider (so an expired token can be replaced). */
  get refreshable(): boolean {
    return this.#provider !== undefined;
  }

  /** Current credentials, refreshing (once for all callers) when they are due. */
  async get(): Promise<KmsCredentials> {
    const entry = this.#entry;
    if (entry && (this.#provider === undefined || this.#now() < entry.refreshAt)) return entry.credentials;
    this.#inflight ??= this.#refresh().finally(() => {
      this.#inflight = undefined;
    });
    return this.#inflight;
  }

  /** Drops `stale` (if still cached) so the next `get()` asks the provider again. */
  invalidate(stale: KmsCredentials): void {
    if (this.#provider !== undefined && this.#entry?.credentials === stale) this.#entry = undefined;
  }

  async #refresh(): Promise<KmsCredentials> {
    let value: unknown;
    try {
      value = await this.#provider!();
    } catch (e) {
      if (e instanceof KmsError) throw e;
      throw new KmsError('the credentials provider failed', { reason: 'credentials', cause: e });
    }
    const credentials = checkCredentials(value);
    const fetchedAt = this.#now();
    const expires = expirationMs(credentials);
    const margin = Math.min(this.#margin, Math.max(0, (expires - fetchedAt) / 2));
    this.#entry = { credentials, refreshAt: expires - margin };
    return credentials;
  }
}
