// Credentials for signed RPC calls: a static AccessKey (optionally with an STS token) or an async provider.
// The shape and its checks are core's (one definition for OSS and KMS); failures surface as KmsError.
import { checkCredentials as checkCoreCredentials, OssCseError, type Credentials } from '@oss-cse/core';
import { KmsError } from '../errors.js';

/**
 * An AccessKey pair, with the STS token and expiry when it is temporary (`securityToken` is sent as
 * `SecurityToken` (V1) or `x-acs-security-token` (ACS3); `expiration` is a Date, ISO text or epoch ms).
 */
export type KmsCredentials = Credentials;

/** Returns current credentials; called again shortly before `expiration` and after a token-expired error. */
export type CredentialsProvider = () => Promise<KmsCredentials> | KmsCredentials;

/** Static credentials or a provider. */
export type CredentialsInput = KmsCredentials | CredentialsProvider;

/**
 * Checks the shape of credentials a caller or provider handed over (core's checks).
 * @throws KmsError reason `credentials` naming the missing field.
 */
export function checkCredentials(value: unknown): KmsCredentials {
  try {
    return checkCoreCredentials(value);
  } catch (e) {
    throw asCredentialsError(e);
  }
}

/** A credentials failure as the KmsError (reason `credentials`) KMS callers handle; KmsErrors pass through. */
export function asCredentialsError(e: unknown): KmsError {
  if (e instanceof KmsError) return e;
  if (e instanceof OssCseError && e.code === 'ERR_CREDENTIALS') {
    return new KmsError(`credentials: ${e.message}`, { reason: 'credentials', cause: e.cause ?? e });
  }
  return new KmsError('the credentials provider failed', { reason: 'credentials', cause: e });
}
