// Temporary (STS) credentials from the app's vending call, cached and refreshed one at a time (core's
// refreshingCredentials, with the browser client's `get()` shape and a 60 s default margin).
import { refreshingCredentials, type Credentials } from '@oss-cse/core';

/** What the app's STS vending call returns. `expiration` as a Date, an ISO string or epoch milliseconds. */
export type { Credentials };

/** The app's vending call, e.g. `() => fetch('/api/sts').then((r) => r.json())`. */
export type CredentialsSource = () => Promise<Credentials>;

/** The provider the transport asks before every request. */
export interface CredentialsProvider {
  /** Cached credentials, or fresh ones when they expire within the margin (one refresh in flight at most). */
  get(): Promise<Credentials>;
  /** Marks `stale` as rejected by the server (SecurityTokenExpired ...): the next `get` refreshes. */
  invalidate(stale: Credentials): void;
  /** How many times the source was called successfully. */
  readonly refreshes: number;
}

export interface CredentialsProviderOptions {
  /** Refresh this long before `expiration` (default 60 s, capped at half the token's lifetime). */
  readonly refreshBeforeMs?: number;
  /** Clock, for tests. Default `Date.now`. */
  readonly now?: () => number;
}

/**
 * Wraps the app's vending call: refreshes before expiry and after the server rejects a token, with a single
 * refresh in flight however many parts ask at once (ali-oss's interval refresh races: issues #960, #1179, #1363).
 *
 * @example
 * ```ts
 * const credentials = credentialsProvider(() => fetch('/api/sts').then((r) => r.json()));
 * const creds = await credentials.get();
 * ```
 */
export function credentialsProvider(source: CredentialsSource, options: CredentialsProviderOptions = {}): CredentialsProvider {
  /* Precondition: an async function. */
  if (typeof source !== 'function') throw new TypeError('"credentials" expected an async function returning { accessKeyId, accessKeySecret, securityToken, expiration }');
  const inner = refreshingCredentials({
    fetch: source,
    refreshBeforeMs: options.refreshBeforeMs ?? 60_000,
    ...(options.now ? { now: options.now } : {}),
  });
  return {
    get refreshes() {
      return inner.refreshes;
    },
    get: () => inner.getCredentials(),
    invalidate: (stale) => inner.invalidate(stale),
  };
}
