// One set of credentials shared by concurrent calls: core's single-flight refreshing provider, with KMS errors.
import { refreshingCredentials, type RefreshingCredentials } from '@oss-cse/core';
import { asCredentialsError, checkCredentials, type CredentialsInput, type KmsCredentials } from './credentials.js';

/** Options of {@link CredentialsCache}. */
export interface CredentialsCacheOptions {
  /** Refresh this long before `expiration` (capped at half the credentials' lifetime). Default 5 minutes. */
  readonly refreshMarginMs?: number;
  /** Clock (epoch ms); for tests. */
  readonly now?: () => number;
}

/**
 * Caches what a {@link CredentialsProvider} returns. Concurrent `get()`s during a refresh share one provider
 * call; a failed refresh is not cached. Failures are KmsError with reason `credentials` (a KmsError from the
 * provider, e.g. a refused AssumeRole, passes through as it is).
 *
 * @example
 * ```ts
 * import { CredentialsCache, type KmsCredentials } from '@oss-cse/kms';
 * declare function fetchStsTokenFromMyBackend(): Promise<KmsCredentials>;
 * const cache = new CredentialsCache(async () => fetchStsTokenFromMyBackend());
 * const creds = await cache.get();
 * cache.invalidate(creds); // after InvalidSecurityToken.Expired
 * ```
 */
export class CredentialsCache {
  readonly #refreshing: RefreshingCredentials | undefined;
  readonly #fixed: KmsCredentials | undefined;

  constructor(input: CredentialsInput, options: CredentialsCacheOptions = {}) {
    if (typeof input === 'function') {
      this.#refreshing = refreshingCredentials({
        fetch: input,
        refreshBeforeMs: options.refreshMarginMs,
        now: options.now,
      });
    } else {
      this.#fixed = checkCredentials(input);
    }
  }

  /** True when credentials come from a provider (so an expired token can be replaced). */
  get refreshable(): boolean {
    return this.#refreshing !== undefined;
  }

  /** Current credentials, refreshing (once for all callers) when they are due. */
  async get(): Promise<KmsCredentials> {
    if (this.#fixed) return this.#fixed;
    try {
      return await this.#refreshing!.getCredentials();
    } catch (e) {
      throw asCredentialsError(e);
    }
  }

  /** Drops `stale` (if still cached) so the next `get()` asks the provider again. */
  invalidate(stale: KmsCredentials): void {
    this.#refreshing?.invalidate(stale);
  }
}
