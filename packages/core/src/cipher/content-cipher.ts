// One object's content cipher: its data key (a non-extractable CryptoKey) and IV, with counter-reuse protection.
import { OssCseError } from '../errors.js';
import { assertBytes, assertSize } from '../util/assert.js';
import { aesCtrAt, importContentKey, type AesCtrOperation } from './aes-ctr.js';
import { AES_BLOCK } from './counter.js';
import { UsedRanges } from './range-guard.js';

/**
 * One object's opened content materials: its data key as a non-extractable AES-CTR CryptoKey and its IV (the
 * initial counter block). No key bytes: a CryptoKey can be handed to a same-origin Worker (structured clone) and
 * stays non-extractable there.
 *
 * @example
 * ```ts
 * import { ContentCipher, openContentMaterials, parseEnvelope, type Keyring } from '@oss-cse/core';
 * declare const keyring: Keyring, headers: Record<string, string>, ciphertext: Uint8Array;
 * const materials = await openContentMaterials({ keyring, envelope: parseEnvelope(headers)! });
 * const plaintext = await ContentCipher.fromMaterials(materials).decryptAt(0, ciphertext);
 * ```
 */
export interface ContentMaterials {
  /** The data key (AES-256-CTR, non-extractable, usable to encrypt and decrypt). */
  readonly key: CryptoKey;
  /** The 16-byte IV. */
  readonly iv: Uint8Array;
}

/**
 * Encrypts and decrypts one object's bytes at any 16-aligned offset.
 * An encrypting cipher refuses to encrypt the same bytes of the keystream twice.
 *
 * @example
 * ```ts
 * import { ContentCipher } from '@oss-cse/core';
 * declare const cek: Uint8Array, iv: Uint8Array, partSize: number, plaintextOfPart2: Uint8Array;
 * const cipher = await ContentCipher.fromDataKey(cek, iv, { encrypt: true });
 * const part2 = await cipher.encryptAt(partSize, plaintextOfPart2);
 * ```
 */
export class ContentCipher {
  readonly #key: CryptoKey;
  readonly #iv: Uint8Array;
  readonly #used: UsedRanges | null;
  readonly #operation: AesCtrOperation | undefined;

  private constructor(key: CryptoKey, iv: Uint8Array, guard: boolean, operation: AesCtrOperation | undefined) {
    this.#key = key;
    this.#iv = iv.slice();
    this.#used = guard ? new UsedRanges() : null;
    this.#operation = operation;
  }

  /**
   * A cipher for an existing data key. The raw key bytes are wiped after import.
   * @param options.encrypt enables the counter-reuse guard (default false: decrypt / resume use).
   * @param options.aesCtr a runtime's synchronous AES-CTR for small calls (see {@link AesCtrOperation}).
   */
  static async fromDataKey(
    cek: Uint8Array,
    iv: Uint8Array,
    options: { encrypt?: boolean; aesCtr?: AesCtrOperation | undefined } = {},
  ): Promise<ContentCipher> {
    assertBytes(iv, 'iv', 16);
    const key = await importContentKey(cek);
    return new ContentCipher(key, iv, options.encrypt === true, options.aesCtr);
  }

  /**
   * A decrypting cipher over materials already opened (see {@link ContentMaterials}).
   * @param options.aesCtr a runtime's synchronous AES-CTR for small calls (see {@link AesCtrOperation}).
   */
  static fromMaterials(
    materials: ContentMaterials,
    options: { aesCtr?: AesCtrOperation | undefined } = {},
  ): ContentCipher {
    assertBytes(materials.iv, 'iv', 16);
    return new ContentCipher(materials.key, materials.iv, false, options.aesCtr);
  }

  /** A copy of the IV (the initial counter block). */
  get iv(): Uint8Array {
    return this.#iv.slice();
  }

  /**
   * Encrypts plaintext that starts at object offset `offset` (multiple of 16). Like `decryptAt`, it has read
   * `plaintext` by the time it returns its promise (WebCrypto copies its input), so the caller may reuse the
   * buffer right away. With `inPlace` the ciphertext overwrites `plaintext` (returned), which is read until the
   * promise settles.
   */
  async encryptAt(
    offset: number,
    plaintext: Uint8Array,
    options: { inPlace?: boolean | undefined } = {},
  ): Promise<Uint8Array> {
    this.#claim(offset, plaintext.length);
    return aesCtrAt(this.#key, this.#iv, offset, plaintext, { inPlace: options.inPlace, operation: this.#operation });
  }

  /** Decrypts ciphertext that starts at object offset `offset` (multiple of 16). */
  async decryptAt(offset: number, ciphertext: Uint8Array): Promise<Uint8Array> {
    assertSize(offset, 'offset');
    return aesCtrAt(this.#key, this.#iv, offset, ciphertext, { operation: this.#operation });
  }

  #claim(offset: number, length: number): void {
    assertSize(offset, 'offset');
    if (offset % AES_BLOCK !== 0)
      throw new OssCseError('ERR_INVALID_ARGUMENT', `offset ${offset} is not a multiple of 16`);
    // Claim whole blocks: a trailing partial block uses its whole keystream block.
    this.#used?.claim(offset, offset + Math.ceil(length / AES_BLOCK) * AES_BLOCK);
  }
}
