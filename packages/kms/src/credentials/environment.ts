// Credentials from environment variables (Node, Deno, Bun; an explicit `env` object anywhere else).
import { KmsError } from '../errors.js';
import type { KmsCredentials } from './credentials.js';

/** A process-environment-like map. */
export type EnvironmentLike = Readonly<Record<string, string | undefined>>;

/** `globalThis.process.env` when the runtime has one (read without Node typings), else `{}`. */
export function processEnv(): EnvironmentLike {
  const proc = (globalThis as { process?: { env?: EnvironmentLike } }).process;
  return proc?.env ?? {};
}

const SETS = [
  { id: 'OSS_ACCESS_KEY_ID', secret: 'OSS_ACCESS_KEY_SECRET', token: 'OSS_SESSION_TOKEN' },
  {
    id: 'ALIBABA_CLOUD_ACCESS_KEY_ID',
    secret: 'ALIBABA_CLOUD_ACCESS_KEY_SECRET',
    token: 'ALIBABA_CLOUD_SECURITY_TOKEN',
  },
] as const;

/**
 * Reads `OSS_ACCESS_KEY_ID` / `OSS_ACCESS_KEY_SECRET` / `OSS_SESSION_TOKEN`, or else
 * `ALIBABA_CLOUD_ACCESS_KEY_ID` / `ALIBABA_CLOUD_ACCESS_KEY_SECRET` / `ALIBABA_CLOUD_SECURITY_TOKEN`.
 * @throws KmsError reason `credentials` when neither pair is set.
 *
 * @example
 * ```ts
 * import { credentialsFromEnvironment } from '@oss-cse/kms';
 * const credentials = credentialsFromEnvironment(); // uses process.env
 * ```
 */
export function credentialsFromEnvironment(env: EnvironmentLike = processEnv()): KmsCredentials {
  for (const set of SETS) {
    const accessKeyId = env[set.id];
    const accessKeySecret = env[set.secret];
    if (accessKeyId && accessKeySecret) {
      const securityToken = env[set.token];
      return securityToken ? { accessKeyId, accessKeySecret, securityToken } : { accessKeyId, accessKeySecret };
    }
  }
  throw new KmsError(
    'no KMS credentials: set OSS_ACCESS_KEY_ID and OSS_ACCESS_KEY_SECRET (or ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET)',
    { reason: 'credentials' },
  );
}
