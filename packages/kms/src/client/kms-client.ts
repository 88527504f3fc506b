// KMS 2016-01-20 actions oss-cse needs: GenerateDataKey, Encrypt, Decrypt, DescribeKey.
import type { CredentialsCache } from '../credentials/credentials-cache.js';
import type { CredentialsInput } from '../credentials/credentials.js';
import { requireString } from '../rpc/response.js';
import { RpcClient, type FetchLike, type RpcCallOptions } from '../rpc/rpc-client.js';
import type { RetryOptions } from '../rpc/retry.js';
import type { SignatureVersion } from '../rpc/signed-request.js';
import { resolveKmsEndpoint } from './endpoint.js';

/** The KMS API version the client calls (`2016-01-20`). */
export const KMS_API_VERSION = '2016-01-20';

/** Options of {@link KmsClient} (and the connection options of {@link KmsMasterKey}). */
export interface KmsClientOptions {
  /** Region id (`cn-hangzhou`); the endpoint defaults to `https://kms.<region>.aliyuncs.com/`. */
  readonly region?: string;
  /** Any endpoint: `https://kms-vpc.<region>.aliyuncs.com`, a relay (`/kms-relay/`), an emulator. */
  readonly endpoint?: string | URL;
  /** Static credentials, a provider, or a shared {@link CredentialsCache}. */
  readonly credentials: CredentialsInput | CredentialsCache;
  /** Default `globalThis.fetch`. */
  readonly fetch?: FetchLike;
  /** Default `v1`; `acs3` cannot go through the relay (it signs the host). */
  readonly signatureVersion?: SignatureVersion;
  /** Per-attempt timeout in ms. Default 10 000. */
  readonly timeoutMs?: number;
  /** Retries of throttled, failed and timed-out calls. */
  readonly retry?: RetryOptions;
}

/** Options of one KMS call. */
export interface CallOptions extends RpcCallOptions {
  /** `EncryptionContext` exactly as sent (oss2 sends `''` when it has no passphrase); omitted when undefined. */
  readonly encryptionContext?: string | undefined;
}

/** The answer of GenerateDataKey. */
export interface GenerateDataKeyResult {
  /** The CMK that wrapped the data key. */
  readonly keyId: string;
  /** The CMK version used. */
  readonly keyVersionId: string | undefined;
  /** base64 of the data key. */
  readonly plaintext: string;
  /** The wrapped data key, as KMS returns it. */
  readonly ciphertextBlob: string;
  /** KMS's RequestId. */
  readonly requestId: string | undefined;
}

/** The answer of Encrypt. */
export interface EncryptResult {
  /** The CMK used. */
  readonly keyId: string;
  /** The CMK version used. */
  readonly keyVersionId: string | undefined;
  /** The ciphertext, as KMS returns it. */
  readonly ciphertextBlob: string;
  /** KMS's RequestId. */
  readonly requestId: string | undefined;
}

/** The answer of Decrypt. */
export interface DecryptResult {
  /** The CMK that decrypted. */
  readonly keyId: string;
  /** The CMK version used. */
  readonly keyVersionId: string | undefined;
  /** The Plaintext string given to Encrypt (or GenerateDataKey's base64 key), verbatim. */
  readonly plaintext: string;
  /** KMS's RequestId. */
  readonly requestId: string | undefined;
}

/** What DescribeKey tells about a CMK. */
export interface KeyMetadata {
  /** The key id. */
  readonly keyId: string;
  /** `Enabled`, `Disabled`, `PendingDeletion`, ... */
  readonly keyState: string | undefined;
  /** The ARN of the key. */
  readonly arn: string | undefined;
  /** Every field KMS returned in `KeyMetadata`. */
  readonly raw: Readonly<Record<string, unknown>>;
}

const optional = (body: Record<string, unknown>, name: string): string | undefined =>
  typeof body[name] === 'string' ? (body[name] as string) : undefined;

function withContext(params: Record<string, string>, context: string | undefined): Record<string, string> {
  return context === undefined ? params : { ...params, EncryptionContext: context };
}

/**
 * A KMS client built on WebCrypto and `fetch` only.
 *
 * @example
 * ```ts
 * import { KmsClient } from '@oss-cse/kms';
 * declare const accessKeyId: string, accessKeySecret: string;
 * const kms = new KmsClient({ region: 'cn-hangzhou', credentials: { accessKeyId, accessKeySecret } });
 * const { ciphertextBlob } = await kms.encrypt('alias/app', btoa('hello'));
 * const { plaintext } = await kms.decrypt(ciphertextBlob); // btoa('hello')
 * ```
 */
export class KmsClient {
  /** The signed-request client underneath. */
  readonly rpc: RpcClient;

  constructor(options: KmsClientOptions) {
    this.rpc = new RpcClient({
      endpoint: resolveKmsEndpoint(options),
      version: KMS_API_VERSION,
      credentials: options.credentials,
      product: 'KMS',
      ...(options.fetch ? { fetch: options.fetch } : {}),
      ...(options.signatureVersion ? { signatureVersion: options.signatureVersion } : {}),
      ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
      ...(options.retry ? { retry: options.retry } : {}),
    });
  }

  /** `GenerateDataKey(KeyId, KeySpec, NumberOfBytes[, EncryptionContext])`. */
  async generateDataKey(
    keyId: string,
    options: CallOptions & { numberOfBytes?: number; keySpec?: 'AES_256' | 'AES_128' } = {},
  ): Promise<GenerateDataKeyResult> {
    const params = withContext(
      { KeyId: keyId, KeySpec: options.keySpec ?? 'AES_256', NumberOfBytes: String(options.numberOfBytes ?? 32) },
      options.encryptionContext,
    );
    const body = await this.rpc.call('GenerateDataKey', params, options);
    return {
      keyId: requireString(body, 'KeyId', 'GenerateDataKey'),
      keyVersionId: optional(body, 'KeyVersionId'),
      plaintext: requireString(body, 'Plaintext', 'GenerateDataKey'),
      ciphertextBlob: requireString(body, 'CiphertextBlob', 'GenerateDataKey'),
      requestId: optional(body, 'RequestId'),
    };
  }

  /** `Encrypt(KeyId, Plaintext[, EncryptionContext])`; `plaintext` is sent as given (KMS wants base64). */
  async encrypt(keyId: string, plaintext: string, options: CallOptions = {}): Promise<EncryptResult> {
    const body = await this.rpc.call(
      'Encrypt',
      withContext({ KeyId: keyId, Plaintext: plaintext }, options.encryptionContext),
      options,
    );
    return {
      keyId: requireString(body, 'KeyId', 'Encrypt'),
      keyVersionId: optional(body, 'KeyVersionId'),
      ciphertextBlob: requireString(body, 'CiphertextBlob', 'Encrypt'),
      requestId: optional(body, 'RequestId'),
    };
  }

  /** `Decrypt(CiphertextBlob[, EncryptionContext])`. */
  async decrypt(ciphertextBlob: string, options: CallOptions = {}): Promise<DecryptResult> {
    const body = await this.rpc.call(
      'Decrypt',
      withContext({ CiphertextBlob: ciphertextBlob }, options.encryptionContext),
      options,
    );
    return {
      keyId: requireString(body, 'KeyId', 'Decrypt'),
      keyVersionId: optional(body, 'KeyVersionId'),
      plaintext: requireString(body, 'Plaintext', 'Decrypt'),
      requestId: optional(body, 'RequestId'),
    };
  }

  /** `DescribeKey(KeyId)`: checks a key id or alias and reads its state. */
  async describeKey(keyId: string, options: RpcCallOptions = {}): Promise<KeyMetadata> {
    const body = await this.rpc.call('DescribeKey', { KeyId: keyId }, options);
    const meta = body['KeyMetadata'];
    const raw = meta && typeof meta === 'object' ? (meta as Record<string, unknown>) : {};
    return {
      keyId: requireString(raw, 'KeyId', 'DescribeKey'),
      keyState: optional(raw, 'KeyState'),
      arn: optional(raw, 'Arn'),
      raw,
    };
  }
}
