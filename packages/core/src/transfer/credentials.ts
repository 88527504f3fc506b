// OSS/KMS credentials for every runtime: static values, or temporary (STS) credentials from an async function,
// refreshed before they expire and when a server rejects them, one refresh at a time however many parts run
// (ali-oss's timer-based refresh races under parallel parts: ali-oss issues #960, #1179, #1363).
import { OssCseError } from '../errors.js';

/** One set of credentials; STS credentials carry a security token and an expiry. */
export interface Credentials {
  /** The AccessKey ID (of a RAM user, or the temporary one STS issued). */
  readonly accessKeyId: string;
  /** The AccessKey secret. Never logged and never part of an error message. */
  readonly accessKeySecret: string;
  /** The STS security token of temporary credentials. */
  readonly securityToken?: string | undefined;
  /** When temporary credentials stop working (a Date, ISO-8601 text as STS returns it, or epoch ms). */
  readonly expiration?: Date | string | number | undefined;
}

/** Supplies credentials for each request; `invalidate` is called when the server rejects them. */
export interface CredentialsProvider {
  /** Credentials for the next request (cached ones while they are fresh). */
  getCredentials(): Promise<Credentials>;
  /** Forget `stale` (e.g. after `SecurityTokenExpired`) so the next call fetches fresh ones. */
  invalidate?(stale: Credentials): void;
}

/**
 * Validates credentials at the public edge.
 * @throws OssCseError ERR_CREDENTIALS naming what is missing.
 *
 * @example
 * ```ts
 * import { checkCredentials } from '@oss-cse/core';
 * const credentials = checkCredentials(await (await fetch('/api/sts')).json(), 'STS answer');
 * ```
 */
export function checkCredentials(value: unknown, name = 'credentials'): Credentials {
  const c = value as Partial<Credentials> | null;
  if (typeof c !== 'object' || c === null) {
    throw new OssCseError(
      'ERR_CREDENTIALS',
      `"${name}" expected { accessKeyId, accessKeySecret, securityToken?, expiration? }`,
    );
  }
  if (
    typeof c.accessKeyId !== 'string' ||
    c.accessKeyId === '' ||
    typeof c.accessKeySecret !== 'string' ||
    c.accessKeySecret === ''
  ) {
    throw new OssCseError('ERR_CREDENTIALS', `"${name}" needs a non-empty accessKeyId and accessKeySecret`);
  }
  if (c.securityToken !== undefined && (typeof c.securityToken !== 'string' || c.securityToken === '')) {
    throw new OssCseError(
      'ERR_CREDENTIALS',
      `"${name}.securityToken" must be a non-empty string (leave it out for long-term keys)`,
    );
  }
  if (c.expiration !== undefined && !Number.isFinite(expirationMs(c as Credentials))) {
    throw new OssCseError('ERR_CREDENTIALS', `"${name}.expiration" is not a valid date`);
  }
  return c as Credentials;
}

/**
 * The expiry as epoch ms (Infinity when the credentials do not expire).
 *
 * @example
 * ```ts
 * import { expirationMs } from '@oss-cse/core';
 * expirationMs({ accessKeyId: 'id', accessKeySecret: 's', expiration: '2030-01-01T00:00:00Z' }); // 1893456000000
 * ```
 */
export function expirationMs(c: Credentials): number {
  const e = c.expiration;
  if (e === undefined) return Number.POSITIVE_INFINITY;
  return e instanceof Date ? e.getTime() : typeof e === 'number' ? e : Date.parse(e);
}

/**
 * A provider that always returns the same credentials.
 *
 * @example
 * ```ts
 * import { staticCredentials } from '@oss-cse/core';
 * const provider = staticCredentials({ accessKeyId: 'LTAI…', accessKeySecret: '…' });
 * ```
 */
export function staticCredentials(credentials: Credentials): CredentialsProvider {
  const frozen = Object.freeze({ ...checkCredentials(credentials) });
  return { getCredentials: async () => frozen };
}

/** Options of {@link refreshingCredentials}. */
export interface RefreshingCredentialsOptions {
  /** Fetches fresh credentials, e.g. from the app's STS vending endpoint. */
  readonly fetch: () => Promise<Credentials> | Credentials;
  /** Refresh this long before `expiration` (default 5 minutes, capped at half the lifetime). */
  readonly refreshBeforeMs?: number;
  /** Clock (epoch ms), for tests. Default `Date.now`. */
  readonly now?: () => number;
}

/** A refreshing provider; `refreshes` counts completed fetches. */
export interface RefreshingCredentials extends CredentialsProvider {
  /** How many times credentials were fetched. */
  readonly refreshes: number;
  /** Forget `stale` so the next `getCredentials` fetches fresh ones. */
  invalidate(stale: Credentials): void;
}

/**
 * Caches credentials and refreshes them (single flight) before expiry or after `invalidate`.
 *
 * @example
 * ```ts
 * import { refreshingCredentials, type Credentials } from '@oss-cse/core';
 * const credentials = refreshingCredentials({
 *   fetch: () => fetch('/api/sts').then((r) => r.json() as Promise<Credentials>),
 * });
 * ```
 */
export function refreshingCredentials(options: RefreshingCredentialsOptions): RefreshingCredentials {
  if (typeof options?.fetch !== 'function') {
    throw new OssCseError('ERR_INVALID_ARGUMENT', '"fetch" expected a function returning credentials');
  }
  const margin = options.refreshBeforeMs ?? 5 * 60_000;
  const now = options.now ?? Date.now;
  let current: { creds: Credentials; refreshAt: number } | undefined;
  let inFlight: Promise<Credentials> | undefined;
  let refreshes = 0;

  const refresh = (): Promise<Credentials> =>
    (inFlight ??= (async () => {
      try {
        const creds = checkCredentials(await options.fetch(), 'refreshed credentials');
        refreshes++;
        const expires = expirationMs(creds);
        const lifetime = expires - now();
        current = { creds, refreshAt: expires - Math.min(margin, Math.max(0, lifetime / 2)) };
        return creds;
      } catch (e) {
        if (e instanceof OssCseError) throw e;
        throw new OssCseError(
          'ERR_CREDENTIALS',
          `could not refresh credentials: ${e instanceof Error ? e.message : String(e)}`,
          { cause: e },
        );
      } finally {
        inFlight = undefined;
      }
    })());

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
