// Credentials for OSS requests. Static values and refreshing (STS) providers come from @oss-cse/core; the Node
// package adds the OSS_* environment variables.
import { OssCseError, type CredentialsProvider } from '@oss-cse/core';

export {
  checkCredentials, refreshingCredentials, staticCredentials,
  type Credentials, type CredentialsProvider, type RefreshingCredentials, type RefreshingCredentialsOptions,
} from '@oss-cse/core';

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
