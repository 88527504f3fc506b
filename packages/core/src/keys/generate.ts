// RSA key-pair generation through WebCrypto (e = 65537).
import { OssCseError } from '../errors.js';
import { parseJwk } from './import/jwk.js';
import { OAEP_SHA1 } from './rsa/oaep.js';
import {
  isRsaPrivateKey,
  publicPart,
  type RsaPrivateKeyComponents,
  type RsaPublicKeyComponents,
} from './rsa/rsa-key.js';

/** Options of {@link generateRsaKeyPair}. */
export interface GenerateRsaKeyPairOptions {
  /** Modulus size in bits (default 2048, what oss2 `LocalRsaProvider` generates). */
  readonly bits?: 2048 | 3072 | 4096;
}

/** A generated key pair as integers; export it with {@link exportPrivateKeyPem} / {@link exportPublicKeyPem}. */
export interface RsaKeyPair {
  /** The private key (its components). */
  readonly privateKey: RsaPrivateKeyComponents;
  /** The public key (its components). */
  readonly publicKey: RsaPublicKeyComponents;
}

/**
 * Generates a fresh RSA key pair with WebCrypto (public exponent 65537).
 * @throws OssCseError ERR_INVALID_ARGUMENT when `bits` is not 2048, 3072 or 4096.
 *
 * @example
 * ```ts
 * import { exportPrivateKeyPem, generateRsaKeyPair, RsaMasterKey } from '@oss-cse/core';
 * const { privateKey } = await generateRsaKeyPair({ bits: 3072 });
 * const pem = await exportPrivateKeyPem(privateKey, { passphrase: 'correct horse battery staple' });
 * const masterKey = await RsaMasterKey.import({ privateKey });
 * ```
 */
export async function generateRsaKeyPair(options: GenerateRsaKeyPairOptions = {}): Promise<RsaKeyPair> {
  const bits = options.bits ?? 2048;
  /* Precondition: only the sizes the SDKs and WebCrypto all handle well. */
  if (bits !== 2048 && bits !== 3072 && bits !== 4096) {
    throw new OssCseError('ERR_INVALID_ARGUMENT', `"bits" expected 2048, 3072 or 4096, got ${String(bits)}`);
  }
  const pair = await crypto.subtle.generateKey(
    { ...OAEP_SHA1, modulusLength: bits, publicExponent: new Uint8Array([1, 0, 1]) },
    true,
    ['encrypt', 'decrypt'],
  );
  const privateKey = parseJwk(await crypto.subtle.exportKey('jwk', pair.privateKey));
  if (!isRsaPrivateKey(privateKey))
    throw new OssCseError('ERR_KEY_IMPORT', 'WebCrypto exported an incomplete private key');
  return { privateKey, publicKey: publicPart(privateKey) };
}
