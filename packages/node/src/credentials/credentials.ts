// Credentials for OSS requests: static values, the OSS_* environment variables, or a refreshing (STS) provider.
import { OssCseError } from '@oss-cse/core';

/** One set of OSS credentials; STS credentials carry a security token and an expiry. */
export interface Credentials {
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  readonly securityToken?: string | undefined;
  /** When temporary credentials stop working. */
  readonly expiration?: Date | undefined;
}

/** Supplies credentials for each request; `invalidate` is called when the server rejects them. */
export interface CredentialsProvider {
  getCredentials(): Promise<Credentials>;
  /** Forget `stale` (e.g. after `SecurityTokenExpired`) so that the next call fetches fresh ones. */
  invalidate?(stale: Credentials): void;
}

/**
 * A provider that always returns the same credentials.
 *
 * @example
 * ```ts
 * const provider = staticCredentials({ accessKeyId: 'LTAI…', accessKeySecret: '…' });
 * ```
 */
export function staticCredentials(credentials: Credentials): CredentialsProvider {
  checkCredentials(credentials, 'credentials');
  const frozen = Object.freeze({ ...credentials });
  return { getCredentials: async () => frozen };
}

/**
 * Credentials from `OSS_ACCESS_KEY_ID`, `OSS_ACCESS_KEY_SECRET` and optionally `OSS_SESSION_TOKEN`, like the
 * SDKs' `EnvironmentVariableCredentialsProvider`. Read on every call, so a rotated environment is picked up.
 * @throws OssCseError ERR_CREDENTIALS when a variable is missing.
 *
 * @example
 * ```ts
 * const client = createClient({ keyring, bucket, region, credentials: environmentCredentials() });
 * ```
 */
export function environmentCredentials(env: NodeJS.ProcessEnv = process.env): CredentialsProvider {
  return {
    async getCredentials() {
      const accessKeyId = env['OSS_ACCESS_KEY_ID'];
      const accessKeySecret = env['OSS_ACCESS_KEY_SECRET'];
      if (!accessKeyId || !accessKeySecret) {
        throw new OssCseError('ERR_CREDENTIALS', 'set OSS_ACCESS_KEY_ID and OSS_ACCESS_KEY_SECRET (and OSS_SESSION_TOKEN for STS credentials)');
      }
      const token = env['OSS_SESSION_TOKEN'];
      return { accessKeyId, accessKeySecret, ...(token ? { securityToken: token } : {}) };
    },
  };
}

/** Checks a credentials object at the public edge. */
export function checkCredentials(c: Credentials, name: string): Credentials {
  if (typeof c !== 'object' || c === null) throw new TypeError(`"${name}" expected { accessKeyId, accessKeySecret, securityToken? }`);
  if (typeof c.accessKeyId !== 'string' || c.accessKeyId === '' || typeof c.accessKeySecret !== 'string' || c.accessKeySecret === '') {
    throw new OssCseError('ERR_CREDENTIALS', `"${name}" needs a non-empty accessKeyId and accessKeySecret`);
  }
  if (c.securityToken !== undefined && typeof c.securityToken !== 'string') throw new TypeError(`"${name}.securityToken" expected a string`);
  if (c.expiration !== undefined && !(c.expiration instanceof Date && !Number.isNaN(c.expiration.getTime()))) {
    throw new TypeError(`"${name}.expiration" expected a valid Date`);
  }
  return c;
}
