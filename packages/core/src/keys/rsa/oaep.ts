// RSAES-OAEP with SHA-1 and MGF1-SHA-1, empty label (`RSA/NONE/OAEPWithSHA-1AndMGF1Padding`), via WebCrypto or a
// runtime's own OAEP decryption (OpenSSL in @oss-cse/node), both under the same rules: one error, checked length.
import { unwrapFailed } from '../../errors.js';
import { asBufferSource } from '../../util/bytes.js';
import type { RsaPrivateKeyComponents } from './rsa-key.js';

/**
 * A runtime's RSA-OAEP SHA-1 decryption (MGF1-SHA-1, empty label) with one private key, used instead of WebCrypto's
 * (e.g. OpenSSL's `privateDecrypt` in @oss-cse/node, which costs about two thirds of a WebCrypto job there):
 * `ciphertext` is k bytes, the result the message. It may be synchronous or asynchronous. Whatever it throws, and a
 * result of another length than the unwrap expects, becomes the one ERR_UNWRAP_FAILED.
 *
 * @example
 * ```ts
 * import type { RsaOaepDecrypt } from '@oss-cse/core';
 * declare const decrypt: RsaOaepDecrypt, wrappedKey: Uint8Array;
 * const dataKey = await decrypt(wrappedKey); // 32 bytes for a data key
 * ```
 */
export type RsaOaepDecrypt = (ciphertext: Uint8Array) => Uint8Array | Promise<Uint8Array>;

/**
 * Creates the {@link RsaOaepDecrypt} of one key; {@link RsaMasterKey.withOaepDecrypt} calls it once per key.
 *
 * @example
 * ```ts
 * import type { RsaMasterKey } from '@oss-cse/core';
 * import { nodeRsaOaepDecrypt } from '@oss-cse/node'; // a factory: OpenSSL's RSA-OAEP SHA-1
 * declare const masterKey: RsaMasterKey;
 * const faster = await masterKey.withOaepDecrypt(nodeRsaOaepDecrypt);
 * ```
 */
export type RsaOaepDecryptFactory = (key: RsaPrivateKeyComponents) => RsaOaepDecrypt | Promise<RsaOaepDecrypt>;

/** The WebCrypto algorithm of oss2's `LocalRsaProvider` (PyCryptodome `PKCS1_OAEP.new(key)` defaults). */
export const OAEP_SHA1 = { name: 'RSA-OAEP', hash: 'SHA-1' } as const;

/** Longest message RSA-OAEP-SHA1 can carry under a k-byte modulus. */
export const oaepSha1MaxMessageLength = (k: number): number => k - 2 * 20 - 2;

/** True when `key` is an RSA-OAEP CryptoKey with SHA-1 allowing `usage`. */
export function isOaepSha1Key(key: CryptoKey, usage: KeyUsage): boolean {
  const alg = key.algorithm as RsaHashedKeyAlgorithm;
  return alg.name === 'RSA-OAEP' && alg.hash?.name === 'SHA-1' && key.usages.includes(usage);
}

/** Encrypts `message` with an RSA-OAEP-SHA1 public CryptoKey (k bytes out). */
export async function oaepEncrypt(publicKey: CryptoKey, message: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.encrypt(OAEP_SHA1, publicKey, asBufferSource(message)));
}

/**
 * Decrypts with an RSA-OAEP-SHA1 private CryptoKey.
 * @throws the fixed ERR_UNWRAP_FAILED error for every failure, and when `expectedLength` is given and
 *   the message has another length.
 */
export async function oaepDecrypt(
  privateKey: CryptoKey,
  ciphertext: Uint8Array,
  expectedLength?: number,
): Promise<Uint8Array> {
  return checkedOaepDecrypt(
    async (c) => new Uint8Array(await crypto.subtle.decrypt(OAEP_SHA1, privateKey, asBufferSource(c))),
    ciphertext,
    expectedLength,
  );
}

/**
 * Decrypts with `decrypt` (WebCrypto's or a runtime's, on a copy of `ciphertext`) and returns the message in a
 * buffer of its own (the operation's output is wiped).
 * @throws the fixed ERR_UNWRAP_FAILED error for every failure, for a result that is not bytes, and when
 *   `expectedLength` is given and the message has another length.
 */
export async function checkedOaepDecrypt(
  decrypt: RsaOaepDecrypt,
  ciphertext: Uint8Array,
  expectedLength?: number,
): Promise<Uint8Array> {
  let result: unknown;
  try {
    result = await decrypt(ciphertext.slice());
  } catch {
    throw unwrapFailed();
  }
  if (!(result instanceof Uint8Array)) throw unwrapFailed();
  // A plain copy: a Node Buffer's slice() is a view, which wiping the result would zero under the message.
  const message = new Uint8Array(result);
  result.fill(0);
  if (expectedLength !== undefined && message.length !== expectedLength) {
    message.fill(0);
    throw unwrapFailed();
  }
  return message;
}
