// One call from CLI flags (or a config file) to a KMS master key.
import type { MaterialDescription } from '@oss-cse/core';
import { KmsClient } from './client/kms-client.js';
import type { CredentialsInput } from './credentials/credentials.js';
import { credentialsFromEnvironment, processEnv, type EnvironmentLike } from './credentials/environment.js';
import type { KmsLayout, KmsReadLayout } from './master-key/layout.js';
import { KmsMasterKey } from './master-key/kms-master-key.js';
import type { FetchLike } from './rpc/rpc-client.js';
import type { SignatureVersion } from './rpc/signed-request.js';

/** Flat options (CLI flags, configuration files) of {@link createKmsMasterKeyFromOptions}. */
export interface KmsMasterKeyFromOptions {
  /** `--kms-key-id`: key id, `alias/…` or ARN. */
  readonly keyId: string;
  /** `--kms-region`. Default: `ALIBABA_CLOUD_REGION_ID` or `OSS_REGION` from the environment. */
  readonly region?: string | undefined;
  /** `--kms-endpoint` (VPC endpoint, relay, emulator). */
  readonly endpoint?: string | undefined;
  /** `--kms-layout oss2|sdk`. Default `oss2`. */
  readonly layout?: KmsLayout | string | undefined;
  /** `--kms-read-layout auto|oss2|sdk`. Default `auto`. */
  readonly readLayout?: KmsReadLayout | string | undefined;
  /** `--kms-passphrase`: oss2's passphrase (EncryptionContext). */
  readonly passphrase?: string | undefined;
  /** matdesc of this key. */
  readonly description?: MaterialDescription | undefined;
  /** Default: `OSS_ACCESS_KEY_ID`/`OSS_ACCESS_KEY_SECRET`/`OSS_SESSION_TOKEN`, else the `ALIBABA_CLOUD_*` ones. */
  readonly credentials?: CredentialsInput | undefined;
  /** `--kms-signature v1|acs3`. Default `v1`. */
  readonly signatureVersion?: SignatureVersion | undefined;
  /** Per-call timeout in ms. */
  readonly timeoutMs?: number | undefined;
  /** Default `globalThis.fetch`. */
  readonly fetch?: FetchLike | undefined;
  /** Where defaults are read (default `process.env` when there is one). */
  readonly env?: EnvironmentLike | undefined;
}

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], flag: string): T | undefined {
  if (value === undefined || value === '') return undefined;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new TypeError(`${flag} expected ${allowed.join(' or ')}, got ${JSON.stringify(value)}`);
  }
  return value as T;
}

/**
 * Builds a {@link KmsMasterKey} from flat, CLI-shaped options, filling region and credentials from the
 * environment.
 *
 * @example
 * ```ts
 * import { createKmsMasterKeyFromOptions } from '@oss-cse/kms';
 * // oss-cse put --kms-key-id alias/app --kms-region cn-hangzhou --kms-layout sdk
 * const masterKey = createKmsMasterKeyFromOptions({ keyId: 'alias/app', region: 'cn-hangzhou', layout: 'sdk' });
 * ```
 */
export function createKmsMasterKeyFromOptions(options: KmsMasterKeyFromOptions): KmsMasterKey {
  const env = options.env ?? processEnv();
  const region = options.region || env['ALIBABA_CLOUD_REGION_ID'] || env['OSS_REGION'] || undefined;
  const layout = oneOf(options.layout, ['oss2', 'sdk'] as const, '--kms-layout');
  const readLayout = oneOf(options.readLayout, ['auto', 'oss2', 'sdk'] as const, '--kms-read-layout');
  const signatureVersion = oneOf(options.signatureVersion, ['v1', 'acs3'] as const, '--kms-signature');
  if (!options.endpoint && !region) {
    throw new TypeError('KMS needs --kms-region or --kms-endpoint (or ALIBABA_CLOUD_REGION_ID in the environment)');
  }
  const client = new KmsClient({
    ...(region ? { region: region.replace(/^oss-/, '') } : {}),
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    credentials: options.credentials ?? credentialsFromEnvironment(env),
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(signatureVersion ? { signatureVersion } : {}),
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
  });
  return new KmsMasterKey({
    client,
    keyId: options.keyId,
    ...(layout ? { layout } : {}),
    ...(readLayout ? { readLayout } : {}),
    ...(options.passphrase !== undefined ? { passphrase: options.passphrase } : {}),
    ...(options.description ? { description: options.description } : {}),
  });
}
