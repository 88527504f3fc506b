// RSAES-OAEP with SHA-1 and MGF1-SHA-1, empty label (`RSA/NONE/OAEPWithSHA-1AndMGF1Padding`), via WebCrypto.
import { unwrapFailed } from '../../errors.js';
import { asBufferSource } from '../../util/bytes.js';

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
  let message: Uint8Array;
  try {
    message = new Uint8Array(await crypto.subtle.decrypt(OAEP_SHA1, privateKey, asBufferSource(ciphertext)));
  } catch {
    throw unwrapFailed();
  }
  if (expectedLength !== undefined && message.length !== expectedLength) {
    message.fill(0);
    throw unwrapFailed();
  }
  return message;
}
