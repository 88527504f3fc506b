// Credentials for signed RPC calls: a static AccessKey (optionally with an STS token) or an async provider.
import { KmsError } from '../errors.js';

/** An AccessKey pair, with the STS token and expiry when it is temporary. */
export interface KmsCredentials {
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  /** STS security token: sent as `SecurityToken` (V1) or `x-acs-security-token` (ACS3). */
  readonly securityToken?: string | undefined;
  /** When temporary credentials expire (a `Date`, an ISO string such as STS's `Expiration`, or epoch ms). */
  readonly expiration?: Date | string | number | undefined;
}

/** Returns current credentials; called again shortly before `expiration` and after a token-expired error. */
export type CredentialsProvider = () => Promise<KmsCredentials> | KmsCredentials;

/** Static credentials or a provider. */
export type CredentialsInput = KmsCredentials | CredentialsProvider;

/**
 * Checks the shape of credentials a caller or provider handed over.
 * @throws KmsError reason `credentials` naming the missing field.
 */
export function checkCredentials(value: unknown): KmsCredentials {
  const c = value as Partial<KmsCredentials> | null | undefined;
  const bad = (what: string) => new KmsError(`credentials: "${what}" expected a non-empty string`, { reason: 'credentials' });
  if (!c || typeof c !== 'object') throw new KmsError('credentials: expected an object with accessKeyId and accessKeySecret', { reason: 'credentials' });
  if (typeof c.accessKeyId !== 'string' || c.accessKeyId === '') throw bad('accessKeyId');
  if (typeof c.accessKeySecret !== 'string' || c.accessKeySecret === '') throw bad('accessKeySecret');
  if (c.securityToken !== undefined && (typeof c.securityToken !== 'string' || c.securityToken === '')) throw bad('securityToken');
  if (c.expiration !== undefined && !Number.isFinite(expirationMs(c as KmsCredentials))) {
    throw new KmsError('credentials: "expiration" is not a valid date', { reason: 'credentials' });
  }
  return c as KmsCredentials;
}

/** The expiry in epoch milliseconds, `Infinity` when the credentials do not expire. */
export function expirationMs(c: KmsCredentials): number {
  const e = c.expiration;
  if (e === undefined) return Infinity;
  if (e instanceof Date) return e.getTime();
  return typeof e === 'number' ? e : Date.parse(e);
}
