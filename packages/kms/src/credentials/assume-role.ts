// Temporary credentials from STS AssumeRole, refreshed by the CredentialsCache before they expire.
import { KmsError } from '../errors.js';
import { RpcClient, type FetchLike } from '../rpc/rpc-client.js';
import type { CredentialsInput, CredentialsProvider } from './credentials.js';

/** The STS API version of AssumeRole (`2015-04-01`). */
export const STS_API_VERSION = '2015-04-01';

/** Options of {@link assumeRoleProvider}. */
export interface AssumeRoleProviderOptions {
  /** The RAM user's (long-term) credentials that may assume the role. */
  readonly credentials: CredentialsInput;
  /** The RAM role to assume. */
  readonly roleArn: string;
  /** Default `oss-cse`. */
  readonly roleSessionName?: string;
  /** Token lifetime in seconds (STS: 900–43200). Default 3600. */
  readonly durationSeconds?: number;
  /** An inline RAM policy narrowing the role, e.g. `kms:Decrypt` on one key. */
  readonly policy?: string | object;
  /** Default `https://sts.aliyuncs.com/`. */
  readonly endpoint?: string | URL;
  /** Default `globalThis.fetch`. */
  readonly fetch?: FetchLike;
}

/**
 * A credentials provider that calls STS `AssumeRole`. Give it to `KmsClient`/`KmsMasterKey` as `credentials`:
 * the client caches the token and asks again shortly before `Expiration` or after `InvalidSecurityToken.Expired`.
 *
 * @example
 * ```ts
 * import { assumeRoleProvider, KmsMasterKey, type KmsCredentials } from '@oss-cse/kms';
 * declare const ramUser: KmsCredentials, keyArn: string, keyId: string;
 * const credentials = assumeRoleProvider({
 *   credentials: ramUser,
 *   roleArn: 'acs:ram::123:role/kms-reader',
 *   policy: { Version: '1', Statement: [{ Effect: 'Allow', Action: ['kms:Decrypt'], Resource: [keyArn] }] },
 * });
 * const key = new KmsMasterKey({ region: 'cn-hangzhou', credentials, keyId });
 * ```
 */
export function assumeRoleProvider(options: AssumeRoleProviderOptions): CredentialsProvider {
  if (typeof options.roleArn !== 'string' || options.roleArn === '')
    throw new TypeError('"roleArn" expected a non-empty string');
  const rpc = new RpcClient({
    endpoint: options.endpoint ?? 'https://sts.aliyuncs.com/',
    version: STS_API_VERSION,
    credentials: options.credentials,
    product: 'STS',
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const params: Record<string, string> = {
    RoleArn: options.roleArn,
    RoleSessionName: options.roleSessionName ?? 'oss-cse',
    DurationSeconds: String(options.durationSeconds ?? 3600),
  };
  if (options.policy !== undefined) {
    params['Policy'] = typeof options.policy === 'string' ? options.policy : JSON.stringify(options.policy);
  }
  return async () => {
    const body = await rpc.call('AssumeRole', params);
    const c = body['Credentials'] as Record<string, unknown> | undefined;
    if (
      !c ||
      typeof c['AccessKeyId'] !== 'string' ||
      typeof c['AccessKeySecret'] !== 'string' ||
      typeof c['SecurityToken'] !== 'string'
    ) {
      throw new KmsError('STS AssumeRole: the response has no Credentials', {
        reason: 'bad-response',
        action: 'AssumeRole',
      });
    }
    return {
      accessKeyId: c['AccessKeyId'],
      accessKeySecret: c['AccessKeySecret'],
      securityToken: c['SecurityToken'],
      ...(typeof c['Expiration'] === 'string' ? { expiration: c['Expiration'] } : {}),
    };
  };
}
