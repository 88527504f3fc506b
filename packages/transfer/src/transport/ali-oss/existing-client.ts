// An ali-oss 6.x client the application already has (`new OSS({ bucket, region, accessKeyId, stsToken,
// refreshSTSToken, … })`), used in place of connection options and credentials: where its bucket is and how it
// signs become the engine's connection settings, its keys (as ali-oss holds them, refreshed by its own
// `refreshSTSToken`) the engine's credentials. Its requests are its own (agents, urllib, user agent); the engine
// adds the encryption, retries and progress as for a client it makes.
import { OssCseError, type Credentials, type CredentialsProvider } from '@oss-cse/core';
import type { ConnectionOptions } from '../../client/client-options.js';

/** The options an ali-oss 6.x client resolved at construction (`client.options`), as far as the engine reads them. */
interface AliOssResolvedOptions {
  readonly inited?: boolean;
  readonly bucket?: string | null;
  readonly endpoint?: { readonly protocol?: string | null; readonly host?: string | null } | null;
  readonly region?: string | null;
  readonly sldEnable?: boolean;
  readonly cname?: boolean;
  readonly authorizationV4?: boolean;
  readonly timeout?: number | string;
  accessKeyId: string;
  accessKeySecret: string;
  stsToken?: string | null;
  readonly refreshSTSToken?: (() => Promise<{ accessKeyId: string; accessKeySecret: string; stsToken: string }>) | null;
}

/** What the engine takes from an existing ali-oss client. */
export interface ExistingAliOssSettings {
  /** Where the client's bucket is and how it signs, as engine connection options. */
  readonly connection: ConnectionOptions;
  /** The client's keys as it holds them now; a rejected token is refreshed through its `refreshSTSToken`. */
  readonly credentials: CredentialsProvider;
}

/** What the transport calls (ali-oss 6.x, either build). */
const OPERATIONS = [
  'put',
  'get',
  'delete',
  'listV2',
  'initMultipartUpload',
  'uploadPart',
  'request',
  '_objectRequestParams',
];

function invalid(message: string): OssCseError {
  return new OssCseError('ERR_INVALID_ARGUMENT', `"ossClient" ${message}`);
}

/**
 * @throws OssCseError ERR_INVALID_ARGUMENT when `client` is not an ali-oss 6.x client, has no bucket (`useBucket`
 *   first), or addresses its bucket through a CNAME.
 * @example
 * ```ts
 * import { existingAliOssSettings } from '@oss-cse/transfer';
 *
 * declare const oss: object; // the application's `new OSS({ bucket, region, accessKeyId, … })` (ali-oss 6.x)
 * const { connection, credentials } = existingAliOssSettings(oss);
 * console.log(connection.bucket, (await credentials.getCredentials()).accessKeyId);
 * ```
 */
export function existingAliOssSettings(client: unknown): ExistingAliOssSettings {
  const c = client as { options?: AliOssResolvedOptions } & Record<string, unknown>;
  /* Precondition: an ali-oss client: its operations, and the options it resolved when it was made. */
  if (
    typeof c !== 'object' ||
    c === null ||
    OPERATIONS.some((name) => typeof c[name] !== 'function') ||
    typeof c.options !== 'object' ||
    c.options === null ||
    c.options.inited !== true
  )
    throw invalid('expected an ali-oss 6.x client (new OSS({ bucket, region, accessKeyId, … }))');
  const options = c.options;
  if (typeof options.bucket !== 'string' || options.bucket === '')
    throw invalid('has no bucket: make it with { bucket } or call useBucket(name) first');
  if (options.cname) throw invalid('addresses its bucket through a CNAME, which oss-cse does not take');
  const { protocol, host } = options.endpoint ?? {};
  if (!protocol || !host) throw invalid('has no endpoint');
  const timeout = typeof options.timeout === 'number' ? options.timeout : undefined;
  return {
    connection: {
      bucket: options.bucket,
      endpoint: `${protocol}//${host}`,
      ...(options.region ? { region: options.region } : {}),
      signatureVersion: options.authorizationV4 ? 'v4' : 'v1',
      pathStyle: options.sldEnable === true,
      ...(timeout !== undefined ? { timeoutMs: timeout } : {}),
    },
    credentials: clientCredentials(options),
  };
}

/**
 * The keys an ali-oss client holds. After OSS rejected a token, the next call asks the client's `refreshSTSToken`
 * (when it has one) and stores the answer in the client, as ali-oss does when its own refresh interval passes.
 */
function clientCredentials(options: AliOssResolvedOptions): CredentialsProvider {
  let stale: Credentials | undefined;
  let refreshing: Promise<void> | undefined;
  const current = (): Credentials => ({
    accessKeyId: options.accessKeyId,
    accessKeySecret: options.accessKeySecret,
    ...(options.stsToken ? { securityToken: options.stsToken } : {}),
  });
  return {
    async getCredentials() {
      const refresh = options.refreshSTSToken;
      if (stale && typeof refresh === 'function' && options.stsToken === stale.securityToken) {
        refreshing ??= (async () => {
          try {
            const fresh = await refresh();
            options.accessKeyId = fresh.accessKeyId;
            options.accessKeySecret = fresh.accessKeySecret;
            options.stsToken = fresh.stsToken;
          } catch (e) {
            throw new OssCseError('ERR_CREDENTIALS', 'the ali-oss client could not refresh its STS token', {
              cause: e,
            });
          } finally {
            stale = undefined;
            refreshing = undefined;
          }
        })();
        await refreshing;
      }
      return current();
    },
    invalidate(credentials) {
      stale = credentials;
    },
  };
}
