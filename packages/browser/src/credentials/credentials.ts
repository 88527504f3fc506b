// Temporary (STS) credentials from the app's vending call, cached and refreshed one at a time.
import { OssCseError } from '@oss-cse/core';

/** What the app's STS vending call returns. `expiration` as a Date, an ISO string or epoch milliseconds. */
export interface Credentials {
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  readonly securityToken?: string | undefined;
  readonly expiration?: Date | string | number | undefined;
}

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
  const margin = options.refreshBeforeMs ?? 60_000;
  const now = options.now ?? Date.now;
  let current: { creds: Credentials; refreshAt: number } | undefined;
  let inFlight: Promise<Credentials> | undefined;
  let refreshes = 0;

  const refresh = (): Promise<Credentials> => {
    inFlight ??= (async () => {
      try {
        const creds = checkCredentials(await source());
        refreshes++;
        const expires = expirationMs(creds.expiration);
        const fetchedAt = now();
        const refreshAt = expires === undefined ? Number.POSITIVE_INFINITY : expires - Math.min(margin, Math.max(0, (expires - fetchedAt) / 2));
        current = { creds, refreshAt };
        return creds;
      } catch (e) {
        if (e instanceof OssCseError) throw e;
        throw new OssCseError('ERR_CREDENTIALS', `could not get credentials: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
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
    async get() {
      if (inFlight) return inFlight;
      if (current && now() < current.refreshAt) return current.creds;
      return refresh();
    },
    invalidate(stale) {
      if (current?.creds === stale) current = undefined;
    },
  };
}

/** Milliseconds since the epoch of an `expiration`, or undefined for credentials that never expire. */
export function expirationMs(expiration: Credentials['expiration']): number | undefined {
  if (expiration === undefined || expiration === null || expiration === '') return undefined;
  const ms = expiration instanceof Date ? expiration.getTime() : typeof expiration === 'number' ? expiration : Date.parse(expiration);
  if (!Number.isFinite(ms)) throw new OssCseError('ERR_CREDENTIALS', `credentials "expiration" is not a date: ${String(expiration)}`);
  return ms;
}

function checkCredentials(value: unknown): Credentials {
  const c = value as Record<string, unknown> | null;
  /* Precondition: access key id and secret are non-empty strings. */
  if (!c || typeof c.accessKeyId !== 'string' || !c.accessKeyId || typeof c.accessKeySecret !== 'string' || !c.accessKeySecret) {
    throw new OssCseError('ERR_CREDENTIALS', 'the credentials source must return { accessKeyId, accessKeySecret, securityToken?, expiration? }');
  }
  if (c.securityToken !== undefined && typeof c.securityToken !== 'string') throw new OssCseError('ERR_CREDENTIALS', '"securityToken" expected a string');
  expirationMs(c.expiration as Credentials['expiration']);
  return c as unknown as Credentials;
}
