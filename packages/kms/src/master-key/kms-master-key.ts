// A core MasterKey whose data keys and IVs are protected by an Alibaba Cloud KMS key (wrap-alg KMS/ALICLOUD).
import {
  OssCseError,
  WRAP_KMS,
  fromBase64,
  toBase64,
  utf8,
  type MasterKey,
  type MaterialDescription,
  type UnwrapContext,
  type WrapAlgorithm,
  type WrapContext,
} from '@oss-cse/core';
import { KmsClient, type KmsClientOptions } from '../client/kms-client.js';
import {
  asciiBytes,
  asciiText,
  detectLayout,
  oss2EncryptionContext,
  type KmsLayout,
  type KmsReadLayout,
} from './layout.js';

/** Connection settings used when no `client` is given. */
export type KmsConnectionOptions = Omit<KmsClientOptions, 'credentials'> &
  Partial<Pick<KmsClientOptions, 'credentials'>>;

export interface KmsMasterKeyOptions extends KmsConnectionOptions {
  /** A shared client; otherwise one is made from `region`/`endpoint`/`credentials`/`fetch`. */
  readonly client?: KmsClient;
  /** The CMK new objects are written with: key id, `alias/…` or ARN. */
  readonly keyId: string;
  /** Written as `matdesc`; the keyring picks this key for objects with an equal description. Default `{}`. */
  readonly description?: MaterialDescription;
  /** Write layout. Default `oss2` (readable by oss2; use `sdk` for Go/Java/v2 readers). */
  readonly layout?: KmsLayout;
  /** oss2's passphrase: the EncryptionContext of oss2-layout objects (and of V1 objects). */
  readonly passphrase?: string;
  /** Read layout. Default `auto` (detected per object, docs/format.md §8). */
  readonly readLayout?: KmsReadLayout;
}

const LAYOUTS: readonly string[] = ['oss2', 'sdk'];

function badPlaintext(part: 'key' | 'iv', detail: string): OssCseError {
  return new OssCseError(
    'ERR_BAD_DATA_KEY',
    `KMS Decrypt returned a ${part === 'key' ? 'data key' : 'IV'} that ${detail}`,
  );
}

/**
 * A KMS master key for a core `Keyring`. Several can share one keyring, each with its own `description`.
 * KMS failures surface as `KmsError` (`code: 'ERR_KMS'`) with KMS's `kmsCode`, `requestId` and HTTP status.
 *
 * @example
 * ```ts
 * import { encryptObject, decryptObject } from '@oss-cse/core';
 * import { KmsMasterKey, type KmsCredentials } from '@oss-cse/kms';
 * declare const credentials: KmsCredentials;
 * const description = { kms: 'app' };
 * const key = new KmsMasterKey({ region: 'cn-hangzhou', credentials, keyId: 'alias/app', description });
 * const { headers, ciphertext } = await encryptObject({ keyring: key, plaintext: 'hello' });
 * const plain = await decryptObject({ keyring: key, headers, ciphertext });
 * ```
 */
export class KmsMasterKey implements MasterKey {
  readonly wrapAlgorithm: WrapAlgorithm = WRAP_KMS;
  readonly description: MaterialDescription;
  readonly canUnwrap = true;
  /** The CMK new objects are written with. */
  readonly keyId: string;
  /** The write layout. */
  readonly layout: KmsLayout;
  /** The read layout. */
  readonly readLayout: KmsReadLayout;
  /** The KMS client it calls. */
  readonly client: KmsClient;
  /** Present for the oss2 layout: GenerateDataKey makes the data key, as oss2 does. */
  readonly generateDataKey?: (context: { signal?: AbortSignal }) => Promise<{ plain: Uint8Array; wrapped: Uint8Array }>;
  readonly #context: string;

  constructor(options: KmsMasterKeyOptions) {
    if (!options || typeof options !== 'object') throw new TypeError('KmsMasterKey expected an options object');
    if (typeof options.keyId !== 'string' || options.keyId === '')
      throw new TypeError('"keyId" expected a non-empty string');
    const layout = options.layout ?? 'oss2';
    if (!LAYOUTS.includes(layout))
      throw new TypeError(`"layout" expected 'oss2' or 'sdk', got ${JSON.stringify(layout)}`);
    const readLayout = options.readLayout ?? 'auto';
    if (readLayout !== 'auto' && !LAYOUTS.includes(readLayout)) {
      throw new TypeError(`"readLayout" expected 'auto', 'oss2' or 'sdk', got ${JSON.stringify(readLayout)}`);
    }
    const description = options.description ?? {};
    if (typeof description !== 'object' || Object.values(description).some((v) => typeof v !== 'string')) {
      throw new TypeError('"description" expected an object of string values');
    }
    this.#context = oss2EncryptionContext(options.passphrase);
    this.keyId = options.keyId;
    this.layout = layout;
    this.readLayout = readLayout;
    this.description = Object.freeze({ ...description });
    if (options.client) {
      this.client = options.client;
    } else {
      if (options.credentials === undefined) throw new TypeError('KmsMasterKey needs "client" or "credentials"');
      this.client = new KmsClient({ ...options, credentials: options.credentials });
    }
    if (layout === 'oss2') this.generateDataKey = (context) => this.#generateDataKey(context.signal);
  }

  supportsUnwrap(wrapAlgorithm: WrapAlgorithm): boolean {
    return wrapAlgorithm === WRAP_KMS;
  }

  /** oss2: the ASCII of `Encrypt(base64(plain), context)`'s blob; sdk: base64-decode of the blob (no context). */
  async wrap(plain: Uint8Array, context: WrapContext): Promise<Uint8Array> {
    if (!(plain instanceof Uint8Array)) throw new TypeError('"plain" expected a Uint8Array');
    const oss2 = this.layout === 'oss2';
    const { ciphertextBlob } = await this.client.encrypt(this.keyId, toBase64(plain), {
      encryptionContext: oss2 ? this.#context : undefined,
      signal: context.signal,
    });
    return oss2 ? asciiBytes(ciphertextBlob) : fromBase64(ciphertextBlob, 'KMS CiphertextBlob');
  }

  /** Decrypts the blob the object's layout names (V1: the header string, with oss2's context). */
  async unwrap(wrapped: Uint8Array, context: UnwrapContext): Promise<Uint8Array> {
    if (context.wrapAlgorithm !== WRAP_KMS) {
      throw new OssCseError('ERR_UNSUPPORTED_WRAP_ALG', `a KMS master key cannot unwrap ${context.wrapAlgorithm}`);
    }
    let blob: string;
    let encryptionContext: string | undefined;
    if (context.formatVersion === 1) {
      blob = context.headerValue;
      encryptionContext = this.#context;
    } else {
      const layout = this.readLayout === 'auto' ? detectLayout(wrapped) : this.readLayout;
      blob = layout === 'oss2' ? asciiText(wrapped) : toBase64(wrapped);
      encryptionContext = layout === 'oss2' ? this.#context : undefined;
    }
    const { plaintext } = await this.client.decrypt(blob, { encryptionContext, signal: context.signal });
    if (context.formatVersion === 1 && context.part === 'iv') return utf8(plaintext);
    let bytes: Uint8Array;
    try {
      bytes = fromBase64(plaintext);
    } catch {
      throw badPlaintext(context.part, 'is not base64');
    }
    if (context.expectedLength !== undefined && bytes.length !== context.expectedLength) {
      throw badPlaintext(context.part, `is ${bytes.length} bytes, expected ${context.expectedLength}`);
    }
    return bytes;
  }

  async #generateDataKey(signal: AbortSignal | undefined): Promise<{ plain: Uint8Array; wrapped: Uint8Array }> {
    const result = await this.client.generateDataKey(this.keyId, {
      keySpec: 'AES_256',
      numberOfBytes: 32,
      encryptionContext: this.#context,
      signal,
    });
    let plain: Uint8Array;
    try {
      plain = fromBase64(result.plaintext);
    } catch {
      throw new OssCseError('ERR_BAD_DATA_KEY', 'KMS GenerateDataKey returned a Plaintext that is not base64');
    }
    return { plain, wrapped: asciiBytes(result.ciphertextBlob) };
  }
}
