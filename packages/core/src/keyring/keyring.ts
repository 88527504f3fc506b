// Several master keys, each with an optional material description; writing uses the default key, reading the
// key whose description equals the object's matdesc (compared as parsed objects, docs/format.md §3).
import { OssCseError } from '../errors.js';
import { sameMatdesc, serializeMatdesc } from '../format/matdesc.js';
import type { Envelope } from '../format/envelope.js';
import type { MasterKey } from '../keys/master-key.js';
import type { AesCtrOperation, RawAesCtrOperation } from '../cipher/aes-ctr.js';

/** Options of the {@link Keyring} constructor. */
export interface KeyringOptions {
  /** The key new objects are written with. Default: the first key. */
  readonly defaultKey?: MasterKey;
  /**
   * The content ciphers of objects this keyring opens or creates use this synchronous AES-CTR (a runtime's, e.g.
   * OpenSSL in @oss-cse/node) for every call, in slices of at most 64 KiB; default: WebCrypto for every call.
   */
  readonly aesCtr?: AesCtrOperation | undefined;
  /**
   * A new object of at most 64 KiB given as bytes to `encryptObject` is encrypted in one call of this synchronous
   * AES-CTR on its new data key's raw bytes (a runtime's, e.g. OpenSSL in @oss-cse/node), with no CryptoKey import;
   * default: the content cipher (`aesCtr` or WebCrypto).
   */
  readonly rawAesCtr?: RawAesCtrOperation | undefined;
}

/**
 * An ordered set of master keys.
 *
 * @example
 * ```ts
 * import { Keyring, RsaMasterKey } from '@oss-cse/core';
 * declare const current: RsaMasterKey, oldPem: string;
 * const old = await RsaMasterKey.import({ privateKey: oldPem, description: { v: '1' } });
 * const keyring = new Keyring([current, old]); // encrypts with `current`, decrypts objects of either
 * ```
 */
export class Keyring {
  readonly #keys: readonly MasterKey[];
  readonly #default: MasterKey;
  /** The synchronous AES-CTR the content ciphers of this keyring's objects use for small calls, if any. */
  readonly aesCtr: AesCtrOperation | undefined;
  /** The synchronous AES-CTR on raw key bytes that encrypts a new small object in one call, if any. */
  readonly rawAesCtr: RawAesCtrOperation | undefined;

  constructor(keys: readonly MasterKey[] | MasterKey, options: KeyringOptions = {}) {
    const list = Array.isArray(keys) ? [...keys] : [keys as MasterKey];
    if (list.length === 0) throw new OssCseError('ERR_INVALID_ARGUMENT', 'a keyring needs at least one master key');
    for (const k of list) {
      if (!k || typeof k.wrap !== 'function' || typeof k.unwrap !== 'function') {
        throw new OssCseError('ERR_INVALID_ARGUMENT', 'keyring entries must implement MasterKey (wrap, unwrap)');
      }
    }
    const def = options.defaultKey ?? list[0]!;
    if (!list.includes(def)) list.unshift(def);
    this.#keys = Object.freeze(list);
    this.#default = def;
    for (const name of ['aesCtr', 'rawAesCtr'] as const)
      if (options[name] !== undefined && typeof options[name] !== 'function')
        throw new OssCseError('ERR_INVALID_ARGUMENT', `"${name}" expected a function (key, counter, data) => bytes`);
    this.aesCtr = options.aesCtr;
    this.rawAesCtr = options.rawAesCtr;
  }

  /** Accepts a Keyring or a single master key. */
  static from(value: Keyring | MasterKey | readonly MasterKey[]): Keyring {
    return value instanceof Keyring ? value : new Keyring(value as MasterKey | readonly MasterKey[]);
  }

  /** The key new objects are written with. */
  get defaultKey(): MasterKey {
    return this.#default;
  }

  /** Every key, in the order given. */
  get keys(): readonly MasterKey[] {
    return this.#keys;
  }

  /**
   * The keys that may unwrap `envelope`, best first: matching description, able to unwrap, supporting its
   * wrap algorithm.
   * @throws OssCseError ERR_NO_MATCHING_KEY (naming the object's description) or ERR_PUBLIC_KEY_ONLY.
   */
  keysFor(envelope: Envelope): MasterKey[] {
    const described = this.#keys.filter((k) => sameMatdesc(k.description, envelope.matdesc));
    const wrap = envelope.wrapAlgorithm;
    const compatible = described.filter((k) => wrap === undefined || k.supportsUnwrap(wrap) || !k.canUnwrap);
    if (compatible.length === 0) {
      const desc = serializeMatdesc(envelope.matdesc) ?? '(none)';
      throw new OssCseError(
        'ERR_NO_MATCHING_KEY',
        `no master key in the keyring matches the object's material description ${desc}` +
          (described.length > 0 ? ` and wrap algorithm ${wrap}` : ''),
        { details: { matdesc: envelope.matdesc ? { ...envelope.matdesc } : null, wrapAlgorithm: wrap ?? null } },
      );
    }
    const usable = compatible.filter((k) => k.canUnwrap);
    if (usable.length === 0) {
      throw new OssCseError(
        'ERR_PUBLIC_KEY_ONLY',
        'the matching master key has only its public half: it can encrypt, not decrypt',
      );
    }
    return usable;
  }
}
