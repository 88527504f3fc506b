// RsaMasterKey: the MasterKey of an RSA pair (or public key): wraps with PKCS#1 v1.5 or OAEP-SHA1, unwraps both.
import { OssCseError, unwrapFailed } from '../errors.js';
import { assertBytes, assertSize, needs } from '../util/assert.js';
import { importRsaKey, type RsaKeyInput } from './import/index.js';
import { exportRsaJwk, parseJwk } from './import/jwk.js';
import { keyImportError } from './import/der.js';
import { rsaKeyId } from './key-id.js';
import {
  WRAP_RSA_OAEP_SHA1,
  WRAP_RSA_PKCS1,
  type MasterKey,
  type MaterialDescription,
  type UnwrapContext,
  type WrapAlgorithm,
  type WrapContext,
} from './master-key.js';
import {
  checkedOaepDecrypt,
  isOaepSha1Key,
  OAEP_SHA1,
  oaepDecrypt,
  oaepEncrypt,
  oaepSha1MaxMessageLength,
  type RsaOaepDecrypt,
  type RsaOaepDecryptFactory,
} from './rsa/oaep.js';
import { checkedPrivateOperation, type CheckedRsaPrivateOperation } from './rsa/checked-private-operation.js';
import { pkcs1v15Decrypt, pkcs1v15Encrypt, pkcs1v15MaxMessageLength } from './rsa/pkcs1v15.js';
import { portableRsaPrivateOperation } from './rsa/portable-private-operation.js';
import type { RsaPrivateOperation, RsaPrivateOperationFactory } from './rsa/private-operation.js';
import {
  bigIntRsaPublicOperation,
  checkedPublicOperation,
  type RsaPublicOperation,
  type RsaPublicOperationFactory,
} from './rsa/public-operation.js';
import {
  checkPrivateKey,
  checkPublicKey,
  isRsaPrivateKey,
  modulusBytes,
  modulusLength,
  publicPart,
  type RsaKeyComponents,
  type RsaPrivateKeyComponents,
  type RsaPublicKeyComponents,
} from './rsa/rsa-key.js';

/** The two RSA wrap algorithms. */
export type RsaWrapAlgorithm = typeof WRAP_RSA_PKCS1 | typeof WRAP_RSA_OAEP_SHA1;

/** A key for {@link RsaMasterKey.import}: anything {@link importRsaKey} reads, or components. */
export type RsaMasterKeyInput = RsaKeyInput | RsaKeyComponents;

/** Options of {@link RsaMasterKey.import}. */
export interface RsaMasterKeyImportOptions {
  /** The private key (any supported form); the public key is derived from it. */
  readonly privateKey?: RsaMasterKeyInput;
  /** The public key, for a write-only master key (or to double-check the private key). */
  readonly publicKey?: RsaMasterKeyInput;
  /** Passphrase of an encrypted PKCS#8 private key. */
  readonly passphrase?: string | Uint8Array;
  /**
   * Wrap algorithm for new objects: `RSA/NONE/PKCS1Padding` (default, readable by every SDK) or OAEP-SHA1 (oss2 only).
   */
  readonly wrapAlgorithm?: RsaWrapAlgorithm;
  /** Material description written as `matdesc` and matched on read. */
  readonly description?: Record<string, string>;
  /**
   * Creates the raw RSA private operation used to unwrap PKCS#1 v1.5 (called once, at import). Default:
   * {@link portableRsaPrivateOperation}; `@oss-cse/node` offers OpenSSL's (`nodeRsaPrivateOperation`). Core
   * checks every result and keeps the padding check and the one unwrap error whatever the operation.
   */
  readonly privateOperation?: RsaPrivateOperationFactory;
  /**
   * Creates the raw RSA public operation used to wrap with PKCS#1 v1.5 (called once, at import, and checked then
   * against core's). Default: core's BigInt one; `@oss-cse/node` offers OpenSSL's (`nodeRsaPublicOperation`).
   */
  readonly publicOperation?: RsaPublicOperationFactory;
}

/** Options of {@link RsaMasterKey.fromCryptoKeys}. */
export interface RsaMasterKeyFromCryptoKeysOptions {
  /** An RSA public CryptoKey (e.g. RSA-OAEP SHA-1 with usage "encrypt"). */
  readonly publicKey: CryptoKey;
  /** An RSA-OAEP SHA-1 private CryptoKey with usage "decrypt"; non-extractable keys unwrap OAEP only. */
  readonly privateKey?: CryptoKey;
  /** Default: OAEP-SHA1 when the private key is non-extractable (so the key reads what it writes), else PKCS#1 v1.5. */
  readonly wrapAlgorithm?: RsaWrapAlgorithm;
  /** Material description written as `matdesc` and matched on read. */
  readonly description?: Record<string, string>;
  /** As in {@link RsaMasterKeyImportOptions.privateOperation}; used when the private key is extractable. */
  readonly privateOperation?: RsaPrivateOperationFactory;
}

interface Init {
  publicKey: RsaPublicKeyComponents;
  privateKey: RsaPrivateKeyComponents | undefined;
  decrypt: CheckedRsaPrivateOperation | undefined;
  portable: boolean;
  encrypt: RsaPublicOperation | undefined;
  oaepPrivate: CryptoKey | Promise<CryptoKey> | undefined;
  oaepPublic: CryptoKey | Promise<CryptoKey> | undefined;
  oaepDecrypt: RsaOaepDecrypt | undefined;
  wrapAlgorithm: RsaWrapAlgorithm;
  description: MaterialDescription;
  keyId: string;
}

/**
 * An RSA master key for client-side encryption. Wraps each data key and IV with the configured algorithm;
 * unwraps `RSA/NONE/PKCS1Padding` (a raw private operation — by default core's portable Montgomery RSA with CRT
 * and blinding — then a fault check and a constant-flow padding check, in core) and
 * `RSA/NONE/OAEPWithSHA-1AndMGF1Padding` (WebCrypto). Every unwrap failure is the one `ERR_UNWRAP_FAILED`.
 *
 * @example
 * ```ts
 * import { RsaMasterKey } from '@oss-cse/core';
 * declare const pem: string, dataKey: Uint8Array;
 * const masterKey = await RsaMasterKey.import({ privateKey: pem, description: { owner: 'alice' } });
 * const wrapped = await masterKey.wrap(dataKey, { part: 'key' });
 * const again = await masterKey.unwrap(wrapped, {
 *   wrapAlgorithm: masterKey.wrapAlgorithm, part: 'key', formatVersion: 2, expectedLength: 32, headerValue: '',
 * });
 * ```
 */
export class RsaMasterKey implements MasterKey {
  readonly wrapAlgorithm: RsaWrapAlgorithm;
  readonly description: MaterialDescription;
  readonly canUnwrap: boolean;
  /** The public half (n, e). */
  readonly publicKey: RsaPublicKeyComponents;
  /** Modulus size in bits. */
  readonly modulusLength: number;
  /** Hex SHA-256 of the SPKI DER (see {@link rsaKeyId}). */
  readonly keyId: string;
  /**
   * True when PKCS#1 v1.5 unwraps run on core's portable private operation (no `privateOperation` was given), so a
   * runtime may offer a faster one ({@link withPrivateOperation}) without replacing a caller's own choice.
   */
  readonly usesPortablePrivateOperation: boolean;
  /**
   * True when PKCS#1 v1.5 wraps run on core's BigInt public operation (no `publicOperation` was given), so a runtime
   * may offer a faster one ({@link withPublicOperation}).
   */
  readonly usesPortablePublicOperation: boolean;
  /**
   * True when RSA-OAEP unwraps run on WebCrypto (no runtime OAEP decryption was given), so a runtime may offer a
   * faster one ({@link withOaepDecrypt}).
   */
  readonly usesWebCryptoOaep: boolean;
  readonly #privateKey: RsaPrivateKeyComponents | undefined;
  readonly #decrypt: CheckedRsaPrivateOperation | undefined;
  readonly #encrypt: RsaPublicOperation;
  #oaepPrivate: Promise<CryptoKey> | undefined;
  #oaepPublic: Promise<CryptoKey> | undefined;
  readonly #oaepDecrypt: RsaOaepDecrypt | undefined;

  private constructor(init: Init) {
    this.publicKey = init.publicKey;
    this.#privateKey = init.privateKey;
    this.#decrypt = init.decrypt;
    this.#encrypt = init.encrypt ?? bigIntRsaPublicOperation(init.publicKey);
    this.usesPortablePublicOperation = init.encrypt === undefined;
    this.#oaepPrivate = init.oaepPrivate && Promise.resolve(init.oaepPrivate);
    this.#oaepPublic = init.oaepPublic && Promise.resolve(init.oaepPublic);
    this.#oaepDecrypt = init.oaepDecrypt;
    this.usesWebCryptoOaep = init.oaepDecrypt === undefined;
    this.wrapAlgorithm = init.wrapAlgorithm;
    this.description = init.description;
    this.keyId = init.keyId;
    this.usesPortablePrivateOperation = init.portable;
    this.modulusLength = modulusLength(init.publicKey);
    this.canUnwrap = init.privateKey !== undefined || init.oaepPrivate !== undefined;
    Object.freeze(this);
  }

  /**
   * Creates a master key from a private key (public derived), a public key (write-only), or both (checked to match).
   * @throws OssCseError ERR_KEY_IMPORT for unreadable keys or a mismatched pair; ERR_INVALID_ARGUMENT for bad options.
   *
   * @example
   * ```ts
   * import { RsaMasterKey, WRAP_RSA_OAEP_SHA1 } from '@oss-cse/core';
   * declare const pem: string, encryptedPem: string, spkiPem: string;
   * const reader = await RsaMasterKey.import({ privateKey: encryptedPem, passphrase: 'pw' });
   * const writer = await RsaMasterKey.import({ publicKey: spkiPem }); // canUnwrap === false
   * const oaep = await RsaMasterKey.import({ privateKey: pem, wrapAlgorithm: WRAP_RSA_OAEP_SHA1 });
   * ```
   */
  static async import(options: RsaMasterKeyImportOptions): Promise<RsaMasterKey> {
    /* Precondition: an options object with at least one key. */
    needs(
      typeof options === 'object' && options !== null,
      '"options" expected an object with privateKey and/or publicKey',
    );
    needs(
      options.privateKey !== undefined || options.publicKey !== undefined,
      '"options" needs privateKey or publicKey',
    );
    const wrapAlgorithm = checkWrapAlgorithm(options.wrapAlgorithm ?? WRAP_RSA_PKCS1);
    const description = checkDescription(options.description);
    const passphrase = options.passphrase;
    const factory = checkFactory(options.privateOperation);
    const publicFactory = checkPublicFactory(options.publicOperation);
    needs(
      passphrase === undefined || typeof passphrase === 'string' || passphrase instanceof Uint8Array,
      '"passphrase" expected string or Uint8Array',
    );

    let privateKey: RsaPrivateKeyComponents | undefined;
    if (options.privateKey !== undefined) {
      const key = await toComponents(options.privateKey, {
        prefer: 'private',
        ...(passphrase === undefined ? {} : { passphrase }),
      });
      if (!isRsaPrivateKey(key))
        throw keyImportError(
          '"privateKey" holds a public key only; pass it as "publicKey" for a write-only master key',
        );
      privateKey = key;
    }
    let publicKey = privateKey && publicPart(privateKey);
    if (options.publicKey !== undefined) {
      const given = publicPart(await toComponents(options.publicKey, { prefer: 'public' }));
      if (publicKey && (publicKey.n !== given.n || publicKey.e !== given.e))
        throw keyImportError('"publicKey" does not belong to "privateKey"');
      publicKey = given;
    }
    return new RsaMasterKey({
      publicKey: publicKey!,
      privateKey,
      decrypt: privateKey && (await createDecrypt(privateKey, factory)),
      portable: factory === portableRsaPrivateOperation,
      encrypt: publicFactory && checkedPublicOperation(publicKey!, publicFactory),
      oaepPrivate: undefined,
      oaepPublic: undefined,
      oaepDecrypt: undefined,
      wrapAlgorithm,
      description,
      keyId: await rsaKeyId(publicKey!),
    });
  }

  /**
   * Creates a master key from WebCrypto keys, e.g. a browser-held RSA-OAEP SHA-1 pair whose private key is
   * non-extractable (kept in IndexedDB). Such a key unwraps OAEP only; an extractable private key unwraps both.
   * The pair is checked by a test encryption.
   * @throws OssCseError ERR_INVALID_ARGUMENT for unsuitable keys, ERR_KEY_IMPORT when the keys do not match.
   *
   * @example
   * ```ts
   * import { RsaMasterKey } from '@oss-cse/core';
   * const pair = await crypto.subtle.generateKey(
   *   { name: 'RSA-OAEP', hash: 'SHA-1', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) },
   *   false,
   *   ['encrypt', 'decrypt'],
   * );
   * const masterKey = await RsaMasterKey.fromCryptoKeys(pair); // wraps and unwraps with OAEP-SHA1
   * ```
   */
  static async fromCryptoKeys(options: RsaMasterKeyFromCryptoKeysOptions): Promise<RsaMasterKey> {
    needs(typeof options === 'object' && options !== null, '"options" expected { publicKey, privateKey? }');
    const { publicKey: pub, privateKey: priv } = options;
    const factory = checkFactory(options.privateOperation);
    /* Precondition: an RSA public CryptoKey. */
    needs(
      isCryptoKey(pub) && pub.type === 'public' && pub.algorithm.name.startsWith('RSA'),
      '"publicKey" expected an RSA public CryptoKey',
    );
    /* Precondition: an RSA-OAEP SHA-1 private CryptoKey allowing decrypt. */
    needs(
      priv === undefined || (isCryptoKey(priv) && priv.type === 'private' && isOaepSha1Key(priv, 'decrypt')),
      '"privateKey" expected an RSA-OAEP private CryptoKey with hash SHA-1 and usage "decrypt"',
    );
    const publicKey = publicPart(parseJwk(await crypto.subtle.exportKey('jwk', pub)));
    let privateKey: RsaPrivateKeyComponents | undefined;
    if (priv?.extractable) {
      const full = parseJwk(await crypto.subtle.exportKey('jwk', priv));
      if (isRsaPrivateKey(full)) privateKey = full;
    }
    const oaepOnly = priv !== undefined && privateKey === undefined;
    const wrapAlgorithm = checkWrapAlgorithm(options.wrapAlgorithm ?? (oaepOnly ? WRAP_RSA_OAEP_SHA1 : WRAP_RSA_PKCS1));
    /* Precondition: a key must be able to read what it writes. */
    needs(
      !(oaepOnly && wrapAlgorithm === WRAP_RSA_PKCS1),
      '"wrapAlgorithm" RSA/NONE/PKCS1Padding needs a private key it can unwrap with; a non-extractable CryptoKey unwraps OAEP only',
    );
    const key = new RsaMasterKey({
      publicKey,
      privateKey,
      decrypt: privateKey && (await createDecrypt(privateKey, factory)),
      portable: factory === portableRsaPrivateOperation,
      encrypt: undefined,
      oaepPrivate: priv,
      oaepPublic: isOaepSha1Key(pub, 'encrypt') ? pub : undefined,
      oaepDecrypt: undefined,
      wrapAlgorithm,
      description: checkDescription(options.description),
      keyId: await rsaKeyId(publicKey),
    });
    if (priv !== undefined) await key.#checkPair(priv);
    return key;
  }

  /**
   * The same master key (key id, description, wrap algorithm) unwrapping PKCS#1 v1.5 through another raw
   * private operation, created once now; a key without its private half is returned as is.
   * @throws OssCseError ERR_INVALID_ARGUMENT when `privateOperation` is not a function; ERR_KEY_IMPORT when it fails.
   *
   * @example
   * ```ts
   * import { RsaMasterKey } from '@oss-cse/core';
   * import { nodeRsaPrivateOperation } from '@oss-cse/node';
   * declare const masterKey: RsaMasterKey;
   * const fast = await masterKey.withPrivateOperation(nodeRsaPrivateOperation);
   * ```
   */
  async withPrivateOperation(privateOperation: RsaPrivateOperationFactory): Promise<RsaMasterKey> {
    const factory = checkFactory(privateOperation);
    if (this.#privateKey === undefined) return this;
    return this.#with({
      decrypt: await createDecrypt(this.#privateKey, factory),
      portable: factory === portableRsaPrivateOperation,
    });
  }

  /**
   * The same master key (key id, description, wrap algorithm, private operation) wrapping with PKCS#1 v1.5 through
   * another raw public operation, created once now and checked against core's.
   * @throws OssCseError ERR_INVALID_ARGUMENT when `publicOperation` is not a function; ERR_KEY_IMPORT when it fails
   *   or does not compute `m^e mod n`.
   *
   * @example
   * ```ts
   * import { RsaMasterKey } from '@oss-cse/core';
   * import { nodeRsaPublicOperation } from '@oss-cse/node';
   * declare const masterKey: RsaMasterKey;
   * const fast = masterKey.withPublicOperation(nodeRsaPublicOperation);
   * ```
   */
  withPublicOperation(publicOperation: RsaPublicOperationFactory): RsaMasterKey {
    const factory = checkPublicFactory(publicOperation)!;
    return this.#with({ encrypt: checkedPublicOperation(this.publicKey, factory) });
  }

  /**
   * The same master key (key id, description, wrap algorithm, RSA operations) unwrapping RSA-OAEP SHA-1 through a
   * runtime's OAEP decryption instead of WebCrypto's, created once now; a key without its private half (or held
   * only as a non-extractable CryptoKey) is returned as is. Its results keep core's rules: one ERR_UNWRAP_FAILED
   * for every failure, the expected length checked.
   * @throws OssCseError ERR_INVALID_ARGUMENT when `oaepDecrypt` is not a function; ERR_KEY_IMPORT when it fails.
   *
   * @example
   * ```ts
   * import { RsaMasterKey } from '@oss-cse/core';
   * import { nodeRsaOaepDecrypt } from '@oss-cse/node';
   * declare const masterKey: RsaMasterKey;
   * const fast = await masterKey.withOaepDecrypt(nodeRsaOaepDecrypt);
   * ```
   */
  async withOaepDecrypt(oaepDecrypt: RsaOaepDecryptFactory): Promise<RsaMasterKey> {
    /* Precondition: a function that creates the OAEP decryption of a key. */
    needs(typeof oaepDecrypt === 'function', '"oaepDecrypt" expected a function (key) => RsaOaepDecrypt');
    if (this.#privateKey === undefined) return this;
    return this.#with({
      oaepDecrypt: await created<RsaOaepDecrypt>(oaepDecrypt, this.#privateKey, 'oaepDecrypt', 'RSA-OAEP decryption'),
    });
  }

  /** This key with `changes` to its operations; everything else (key, id, description, algorithm) the same. */
  #with(changes: Partial<Init>): RsaMasterKey {
    return new RsaMasterKey({
      publicKey: this.publicKey,
      privateKey: this.#privateKey,
      decrypt: this.#decrypt,
      portable: this.usesPortablePrivateOperation,
      encrypt: this.usesPortablePublicOperation ? undefined : this.#encrypt,
      oaepPrivate: this.#oaepPrivate,
      oaepPublic: this.#oaepPublic,
      oaepDecrypt: this.#oaepDecrypt,
      wrapAlgorithm: this.wrapAlgorithm,
      description: this.description,
      keyId: this.keyId,
      ...changes,
    });
  }

  /** True for both RSA wrap algorithms with the full private key; OAEP only for a non-extractable CryptoKey. */
  supportsUnwrap(wrapAlgorithm: WrapAlgorithm): boolean {
    if (wrapAlgorithm === WRAP_RSA_OAEP_SHA1) return this.canUnwrap;
    if (wrapAlgorithm === WRAP_RSA_PKCS1) return this.#decrypt !== undefined;
    return false;
  }

  /** Wraps a data key or IV with {@link wrapAlgorithm}; the result is k bytes (the modulus length). */
  async wrap(plain: Uint8Array, context: WrapContext): Promise<Uint8Array> {
    assertBytes(plain, 'plain');
    needs(typeof context === 'object' && context !== null, '"context" expected a WrapContext object');
    context.signal?.throwIfAborted();
    const k = modulusBytes(this.publicKey);
    if (this.wrapAlgorithm === WRAP_RSA_PKCS1) {
      needs(
        plain.length <= pkcs1v15MaxMessageLength(k),
        `"plain" expected at most ${pkcs1v15MaxMessageLength(k)} bytes for RSA PKCS#1 v1.5, got length=${plain.length}`,
      );
      return pkcs1v15Encrypt(this.publicKey, plain, this.#encrypt);
    }
    needs(
      plain.length <= oaepSha1MaxMessageLength(k),
      `"plain" expected at most ${oaepSha1MaxMessageLength(k)} bytes for RSA-OAEP-SHA1, got length=${plain.length}`,
    );
    return oaepEncrypt(await this.#publicOaep(), plain);
  }

  /**
   * Unwraps with the algorithm the object names (`context.wrapAlgorithm`).
   * @throws OssCseError ERR_UNWRAP_FAILED (one message) for every cryptographic failure, including a length
   *   other than `context.expectedLength`; ERR_PUBLIC_KEY_ONLY without a private key; ERR_UNSUPPORTED_WRAP_ALG
   *   for a non-RSA wrap algorithm, or PKCS#1 v1.5 with a non-extractable CryptoKey.
   */
  async unwrap(wrapped: Uint8Array, context: UnwrapContext): Promise<Uint8Array> {
    assertBytes(wrapped, 'wrapped');
    needs(typeof context === 'object' && context !== null, '"context" expected an UnwrapContext object');
    if (context.expectedLength !== undefined) assertSize(context.expectedLength, 'context.expectedLength');
    context.signal?.throwIfAborted();
    const alg = context.wrapAlgorithm;
    if (alg !== WRAP_RSA_PKCS1 && alg !== WRAP_RSA_OAEP_SHA1) {
      throw new OssCseError(
        'ERR_UNSUPPORTED_WRAP_ALG',
        `An RSA master key cannot unwrap data keys wrapped with "${String(alg)}"`,
      );
    }
    if (!this.canUnwrap) {
      throw new OssCseError(
        'ERR_PUBLIC_KEY_ONLY',
        'This RSA master key has only its public half: it can wrap data keys but not unwrap them; import the private key to decrypt',
      );
    }
    if (!this.supportsUnwrap(alg)) {
      throw new OssCseError(
        'ERR_UNSUPPORTED_WRAP_ALG',
        'This RSA master key holds a non-extractable WebCrypto private key, which unwraps RSA-OAEP only, not RSA/NONE/PKCS1Padding',
      );
    }
    if (alg === WRAP_RSA_PKCS1) return pkcs1v15Decrypt(this.#decrypt!, wrapped, context.expectedLength);
    if (wrapped.length !== modulusBytes(this.publicKey)) throw unwrapFailed();
    if (this.#oaepDecrypt) return checkedOaepDecrypt(this.#oaepDecrypt, wrapped, context.expectedLength);
    return oaepDecrypt(await this.#privateOaep(), wrapped, context.expectedLength);
  }

  #publicOaep(): Promise<CryptoKey> {
    this.#oaepPublic ??= importOaep(exportRsaJwk(this.publicKey), 'encrypt');
    return this.#oaepPublic;
  }

  #privateOaep(): Promise<CryptoKey> {
    this.#oaepPrivate ??= importOaep(exportRsaJwk(this.#privateKey!), 'decrypt');
    return this.#oaepPrivate;
  }

  async #checkPair(priv: CryptoKey): Promise<void> {
    const probe = crypto.getRandomValues(new Uint8Array(16));
    try {
      const back = await oaepDecrypt(priv, await oaepEncrypt(await this.#publicOaep(), probe), probe.length);
      if (back.every((b, i) => b === probe[i])) return;
    } catch {
      // reported below
    }
    throw keyImportError('"privateKey" does not belong to "publicKey"');
  }
}

/** Imports a JWK as a non-extractable RSA-OAEP SHA-1 CryptoKey with one usage. */
async function importOaep(jwk: JsonWebKey, usage: 'encrypt' | 'decrypt'): Promise<CryptoKey> {
  return crypto.subtle.importKey('jwk', jwk, OAEP_SHA1, false, [usage]);
}

async function toComponents(
  input: RsaMasterKeyInput,
  options: { prefer: 'private' | 'public'; passphrase?: string | Uint8Array },
): Promise<RsaKeyComponents> {
  if (typeof input === 'object' && input !== null && typeof (input as RsaKeyComponents).n === 'bigint') {
    const key = input as RsaKeyComponents;
    return isRsaPrivateKey(key) ? checkPrivateKey(key) : checkPublicKey(key);
  }
  return importRsaKey(input as RsaKeyInput, options);
}

function checkPublicFactory(factory: unknown): RsaPublicOperationFactory | undefined {
  /* Precondition: a function that creates the public operation of a key. */
  needs(
    factory === undefined || typeof factory === 'function',
    '"publicOperation" expected a function (key) => RsaPublicOperation',
  );
  return factory as RsaPublicOperationFactory | undefined;
}

function checkFactory(factory: unknown): RsaPrivateOperationFactory {
  /* Precondition: a function that creates the private operation of a key. */
  needs(
    factory === undefined || typeof factory === 'function',
    '"privateOperation" expected a function (key) => RsaPrivateOperation',
  );
  return (factory as RsaPrivateOperationFactory | undefined) ?? portableRsaPrivateOperation;
}

/** What `factory` creates for `key`, a function; a factory failure is ERR_KEY_IMPORT, without its message. */
async function created<T>(
  factory: (key: RsaPrivateKeyComponents) => unknown,
  key: RsaPrivateKeyComponents,
  name: string,
  what: string,
): Promise<T> {
  let operation: unknown;
  try {
    operation = await factory(key);
  } catch {
    throw keyImportError(`the ${what} could not be created for this key`);
  }
  if (typeof operation !== 'function') throw keyImportError(`"${name}" returned no function for this key`);
  return operation as T;
}

/** The checked private operation of `key`; a factory failure is ERR_KEY_IMPORT, without its message. */
async function createDecrypt(
  key: RsaPrivateKeyComponents,
  factory: RsaPrivateOperationFactory,
): Promise<CheckedRsaPrivateOperation> {
  return checkedPrivateOperation(
    key,
    await created<RsaPrivateOperation>(factory, key, 'privateOperation', 'RSA private operation'),
  );
}

function checkWrapAlgorithm(alg: unknown): RsaWrapAlgorithm {
  /* Precondition: one of the two RSA wrap algorithms. */
  needs(
    alg === WRAP_RSA_PKCS1 || alg === WRAP_RSA_OAEP_SHA1,
    `"wrapAlgorithm" expected "${WRAP_RSA_PKCS1}" or "${WRAP_RSA_OAEP_SHA1}", got ${String(alg)}`,
  );
  return alg;
}

function checkDescription(description: unknown): MaterialDescription {
  if (description === undefined) return Object.freeze({});
  /* Precondition: a plain object of strings. */
  needs(
    typeof description === 'object' &&
      description !== null &&
      !Array.isArray(description) &&
      Object.values(description).every((v) => typeof v === 'string'),
    '"description" expected an object whose values are strings',
  );
  return Object.freeze({ ...(description as Record<string, string>) });
}

const isCryptoKey = (value: unknown): value is CryptoKey =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as CryptoKey).type === 'string' &&
  typeof (value as CryptoKey).algorithm === 'object';
