// Temporary (STS) credentials from an async function, refreshed before they expire and when the server rejects
// them, with one refresh in flight at a time however many parts are running.
import { OssCseError } from '@oss-cse/core';
import { checkCredentials, type Credentials, type CredentialsProvider } from './credentials.js';

export interface RefreshingCredentialsOptions {
  /** Fetches fresh credentials, e.g. by calling STS AssumeRole. */
  readonly fetch: () => Promise<Credentials>;
  /** Refresh this long before `expiration` (default 5 minutes, capped at half the lifetime). */
  readonly refreshBeforeMs?: number;
  /** Clock, for tests. Default `Date.now`. */
  readonly now?: () => number;
}

/**
 * A provider that caches credentials and refreshes them (single-flight) before expiry or after `invalidate`.
 *
 * @example
 * ```ts
 * const credentials = refreshingCredentials({ fetch: async () => {
 *   const r = await sts.assumeRole(roleArn, policy, 900, 'uploader');
 *   return { accessKeyId: r.credentials.AccessKeyId, accessKeySecret: r.credentials.AccessKeySecret,
 *     securityToken: r.credentials.SecurityToken, expiration: new Date(r.credentials.Expiration) };
 * } });
 * ```
 */
export function refreshingCredentials(options: RefreshingCredentialsOptions): CredentialsProvider & { readonly refreshes: number } {
  if (typeof options?.fetch !== 'function') throw new TypeError('"fetch" expected an async function returning credentials');
  const margin = options.refreshBeforeMs ?? 5 * 60_000;
  const now = options.now ?? Date.now;
  let current: { creds: Credentials; refreshAt: number } | undefined;
  let inFlight: Promise<Credentials> | undefined;
  let refreshes = 0;

  const refresh = (): Promise<Credentials> => {
    inFlight ??= (async () => {
      try {
        const creds = checkCredentials(await options.fetch(), 'refreshed credentials');
        refreshes++;
        const fetchedAt = now();
        const expires = creds.expiration?.getTime();
        const refreshAt = expires === undefined ? Number.POSITIVE_INFINITY : expires - Math.min(margin, Math.max(0, (expires - fetchedAt) / 2));
        current = { creds, refreshAt };
        return creds;
      } catch (e) {
        if (e instanceof OssCseError) throw e;
        throw new OssCseError('ERR_CREDENTIALS', `could not refresh credentials: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
      } finally {
        inFlight = undefined;
      }
    })();
    return inFlight;
  };

  return {
    get refreshes() {
      return refreshes;
    },
    async getCredentials() {
      if (inFlight) return inFlight;
      if (current && now() < current.refreshAt) return current.creds;
      return refresh();
    },
    invalidate(stale) {
      if (current?.creds === stale) current = undefined;
    },
  };
}
