// Node's default credentials: the OSS_* environment variables, like the SDKs' EnvironmentVariableCredentialsProvider.
import { OssCseError, type Credentials, type CredentialsProvider } from '@oss-cse/core';

/**
 * Credentials from `OSS_ACCESS_KEY_ID`, `OSS_ACCESS_KEY_SECRET` and optionally `OSS_SESSION_TOKEN`, read on every
 * call (a rotated environment is picked up); the same object is returned while the values stay the same, so the
 * transport keeps its client for them.
 * @throws OssCseError ERR_CREDENTIALS when a variable is missing.
 *
 * @example
 * ```ts
 * import { createClient, environmentCredentials } from '@oss-cse/node';
 * import type { Keyring } from '@oss-cse/core';
 * declare const keyring: Keyring;
 * const credentials = environmentCredentials(); // OSS_ACCESS_KEY_ID, OSS_ACCESS_KEY_SECRET, OSS_SESSION_TOKEN
 * const client = createClient({ keyring, bucket: 'photos', region: 'cn-hangzhou', credentials });
 * ```
 */
export function environmentCredentials(env: NodeJS.ProcessEnv = process.env): CredentialsProvider {
  let last: Credentials | undefined;
  return {
    async getCredentials() {
      const accessKeyId = env['OSS_ACCESS_KEY_ID'];
      const accessKeySecret = env['OSS_ACCESS_KEY_SECRET'];
      if (!accessKeyId || !accessKeySecret) {
        throw new OssCseError(
          'ERR_CREDENTIALS',
          'set OSS_ACCESS_KEY_ID and OSS_ACCESS_KEY_SECRET (and OSS_SESSION_TOKEN for STS credentials)',
        );
      }
      const token = env['OSS_SESSION_TOKEN'] || undefined;
      if (
        last?.accessKeyId !== accessKeyId ||
        last.accessKeySecret !== accessKeySecret ||
        last.securityToken !== token
      ) {
        last = { accessKeyId, accessKeySecret, ...(token ? { securityToken: token } : {}) };
      }
      return last;
    },
  };
}
