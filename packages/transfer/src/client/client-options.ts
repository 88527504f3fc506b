// The options of a client, the same in every runtime, and how they become an engine context.
import {
  checkCredentials,
  Keyring,
  refreshingCredentials,
  staticCredentials,
  type Credentials,
  type CredentialsProvider,
  type MasterKey,
  type ReadPolicy,
  type RetryOptions,
} from '@oss-cse/core';
import type { CipherRunner } from '../cipher/cipher-runner.js';
import {
  checkConcurrency,
  DEFAULT_CONCURRENCY,
  DEFAULT_PART_SIZE,
  DEFAULT_RETRY,
  DEFAULT_STREAM_CHUNK,
  DEFAULT_TIMEOUT_MS,
} from '../config/defaults.js';
import type { MaterialsCacheOptions } from '../materials/materials-cache.js';
import { createMaterialsOpener, materialsCacheLimits } from '../materials/materials-opener.js';
import type { ResumeStore } from '../resume/resume-store.js';
import { existingAliOssSettings } from '../transport/ali-oss/existing-client.js';
import type { ObjectTransport } from '../transport/object-transport.js';
import type { EngineContext } from './context.js';

/** Where the bucket is and how requests are signed. */
export interface ConnectionOptions {
  /** The bucket name. */
  readonly bucket: string;
  /** Region id (`cn-hangzhou`, or `oss-cn-hangzhou`); required for signature V4. */
  readonly region?: string | undefined;
  /** Endpoint URL; default `https://oss-<region>.aliyuncs.com`. */
  readonly endpoint?: string | undefined;
  /** Request signature: `v4` (default) or `v1`. */
  readonly signatureVersion?: 'v4' | 'v1' | undefined;
  /** Path-style addressing (`/bucket/key`); default true for localhost and IP endpoints. */
  readonly pathStyle?: boolean | undefined;
  /** Per-request timeout in ms (default 60 000). */
  readonly timeoutMs?: number | undefined;
}

/** Credentials: static keys, a provider, or an async function returning (STS) credentials. */
export type CredentialsOption = Credentials | CredentialsProvider | (() => Promise<Credentials> | Credentials);

/** Options of every client: connection (or an existing ali-oss client), keys, credentials, transfer defaults. */
export interface ClientOptions extends Omit<ConnectionOptions, 'bucket'> {
  /** The bucket; required unless `ossClient` is given (then, if given, it must be the client's bucket). */
  readonly bucket?: string | undefined;
  /**
   * An ali-oss 6.x client the application already has (`new OSS({ bucket, region, accessKeyId, stsToken,
   * refreshSTSToken, … })`), in place of the connection options and `credentials` (Node and browser clients): its
   * bucket, endpoint, region, signature version and timeout are used, it signs every request with the keys it holds,
   * and a rejected token is refreshed through its `refreshSTSToken`. The client is not changed.
   */
  readonly ossClient?: object | undefined;
  /** Master keys: the default one encrypts, the one matching an object's description decrypts. */
  readonly keyring: Keyring | MasterKey | readonly MasterKey[];
  /**
   * Static credentials, a provider, or an async function returning STS credentials, refreshed (one at a time)
   * 5 minutes before `expiration` and when OSS rejects the token. Node's default: the `OSS_ACCESS_KEY_ID` /
   * `OSS_ACCESS_KEY_SECRET` / `OSS_SESSION_TOKEN` environment variables.
   */
  readonly credentials?: CredentialsOption | undefined;
  /** Use this transport instead of the runtime's default (connection options are then ignored). */
  readonly transport?: ObjectTransport | undefined;
  /** Multipart part size and ranged download size (default 8 MiB). */
  readonly partSize?: number | undefined;
  /** Parts in flight per transfer (default 4). */
  readonly concurrency?: number | undefined;
  /** Larger sources are uploaded in parts (default: the part size). */
  readonly multipartThreshold?: number | undefined;
  /** Bytes per ranged GET of `getStream` (default 8 MiB). */
  readonly streamChunkSize?: number | undefined;
  /** Retries (default 4 after the first attempt, backoff 200 ms doubling to 5 s, full jitter). */
  readonly retry?: RetryOptions | undefined;
  /** Read policy: `allowUnencrypted`, `profile: 'strict'`, `verifyIntegrity`. */
  readonly policy?: ReadPolicy | undefined;
  /** Where resume records go (default: the runtime's; none in runtimes without storage). */
  readonly resumeStore?: ResumeStore | undefined;
  /** Where encryption runs (default: the runtime's; inline where there is no Worker). */
  readonly cipher?: CipherRunner | undefined;
  /**
   * The decrypted-materials cache: objects read again (another range, another read) reuse the data key and IV
   * unwrapped the first time, held as a non-extractable CryptoKey in memory only, never persisted, cleared by
   * `close()`. Default `{ maxEntries: 1000, maxBytes: 1 MiB, maxAgeMs: 300000 }` (each limit replaceable);
   * `false` or any limit `0` disables it (every read unwraps).
   */
  readonly materialsCache?: MaterialsCacheOptions | false | undefined;
}

/** What a runtime supplies: its default transport and cipher runner, and optionally a resume store, spooling. */
export interface RuntimeAdapter {
  /** The runtime's default transport for these connection settings and credentials. */
  createTransport(options: ConnectionOptions): ObjectTransport;
  /** The runtime's transport calling through the application's own ali-oss client (runtimes built on ali-oss). */
  adoptAliOssClient?(client: object, connection: ConnectionOptions): ObjectTransport;
  /**
   * The runtime's cipher runner (`inlineCipherRunner` where there is no Worker). Required, so a page whose runtime
   * encrypts in a Worker does not carry the inline encryption too.
   */
  createCipher(keyring: Keyring): CipherRunner;
  /** The runtime's default resume store (none: transfers are not resumable). */
  readonly resumeStore?: ResumeStore | undefined;
  /** Credentials when none are given (Node: the environment). Without it, credentials are required. */
  defaultCredentials?(): CredentialsProvider;
  /** Turns a long stream of unknown size into a source of known size (Node: a temporary file). */
  readonly spool?: EngineContext['spool'];
  /**
   * The keyring reads unwrap with, prepared once, at the first read (Node: RSA master keys on OpenSSL's private
   * operation). Default: the client's keyring.
   */
  unwrapKeyring?(keyring: Keyring): Promise<Keyring>;
}

/**
 * Validates the options and builds the context every verb uses.
 *
 * @example
 * ```ts
 * import { createContext, createFetchTransport, inlineCipherRunner, type RuntimeAdapter } from '@oss-cse/transfer';
 * import type { Keyring } from '@oss-cse/core';
 * declare const keyring: Keyring;
 * const runtime: RuntimeAdapter = {
 *   createTransport: (connection) => createFetchTransport(connection),
 *   createCipher: inlineCipherRunner,
 * };
 * const ctx = createContext({ keyring, bucket: 'photos', region: 'cn-hangzhou' }, runtime);
 * ```
 */
export function createContext(options: ClientOptions, runtime: RuntimeAdapter): EngineContext {
  /* Precondition: an options object with a keyring and a bucket. */
  if (typeof options !== 'object' || options === null)
    throw new TypeError('"options" expected { keyring, bucket, region|endpoint, credentials }');
  const own = options.ossClient === undefined ? undefined : adoptedClient(options, runtime);
  const bucket = own?.transport.bucket ?? options.bucket;
  if (typeof bucket !== 'string' || bucket === '') throw new TypeError('"bucket" expected a bucket name');
  const keyring = Keyring.from(options.keyring as Keyring | MasterKey | readonly MasterKey[]);
  const credentials = own?.credentials ?? toProvider(options.credentials, runtime);
  const partSize = checkSize(options.partSize ?? DEFAULT_PART_SIZE, 'partSize');
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (!Number.isSafeInteger(timeoutMs) || timeoutMs <= 0)
    throw new RangeError(`"timeoutMs" expected a positive integer, got ${String(timeoutMs)}`);
  const transport = own?.transport ?? options.transport ?? runtime.createTransport({ ...options, bucket, timeoutMs });
  if (options.bucket !== undefined && transport.bucket !== options.bucket) {
    const what = own ? '"ossClient"' : '"transport"';
    throw new TypeError(`${what} is for bucket ${transport.bucket}, not ${options.bucket}`);
  }
  const cache = materialsCacheLimits(options.materialsCache);
  let unwrapKeyring: Promise<Keyring> | undefined;
  return {
    transport,
    keyring,
    credentials,
    policy: options.policy,
    retry: { ...DEFAULT_RETRY, ...options.retry },
    cipher: options.cipher ?? runtime.createCipher(keyring),
    resume: options.resumeStore ?? runtime.resumeStore,
    spool: runtime.spool,
    materials: createMaterialsOpener({
      keyring: () => (unwrapKeyring ??= Promise.resolve(runtime.unwrapKeyring?.(keyring) ?? keyring)),
      policy: options.policy,
      cache,
    }),
    defaults: {
      partSize,
      concurrency: checkConcurrency(options.concurrency ?? DEFAULT_CONCURRENCY),
      multipartThreshold: checkSize(options.multipartThreshold ?? partSize, 'multipartThreshold'),
      streamChunk: checkSize(options.streamChunkSize ?? DEFAULT_STREAM_CHUNK, 'streamChunkSize'),
    },
  };
}

/** What an ali-oss client brings itself: given with `ossClient`, they would be ignored. */
const REPLACED_BY_OSS_CLIENT = [
  'transport',
  'credentials',
  'region',
  'endpoint',
  'signatureVersion',
  'pathStyle',
  'timeoutMs',
] as const;

/** The transport and credentials of the application's own ali-oss client (`ossClient`). */
function adoptedClient(
  options: ClientOptions,
  runtime: RuntimeAdapter,
): { transport: ObjectTransport; credentials: CredentialsProvider } {
  if (!runtime.adoptAliOssClient)
    throw new TypeError('"ossClient" is taken by the ali-oss runtimes (@oss-cse/node, @oss-cse/browser)');
  const replaced = REPLACED_BY_OSS_CLIENT.filter((name) => options[name] !== undefined);
  if (replaced.length > 0)
    throw new TypeError(`"ossClient" replaces ${replaced.map((n) => `"${n}"`).join(', ')}: pass one or the other`);
  const { connection, credentials } = existingAliOssSettings(options.ossClient);
  return { transport: runtime.adoptAliOssClient(options.ossClient!, connection), credentials };
}

function toProvider(c: CredentialsOption | undefined, runtime: RuntimeAdapter): CredentialsProvider {
  if (c === undefined) {
    if (runtime.defaultCredentials) return runtime.defaultCredentials();
    throw new TypeError(
      '"credentials" expected { accessKeyId, accessKeySecret, securityToken? }, a provider, or an async function returning them',
    );
  }
  if (typeof c === 'function') return refreshingCredentials({ fetch: c });
  if (typeof (c as CredentialsProvider).getCredentials === 'function') return c as CredentialsProvider;
  return staticCredentials(checkCredentials(c, 'credentials'));
}

function checkSize(n: number, name: string): number {
  if (!Number.isSafeInteger(n) || n <= 0)
    throw new RangeError(`"${name}" expected a positive integer, got ${String(n)}`);
  return n;
}
