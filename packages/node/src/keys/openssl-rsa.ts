// OpenSSL's RSA operations for core's RsaMasterKey: `privateDecrypt` with RSA_NO_PADDING (allowed in Node 20;
// only PKCS#1 v1.5 padding is disabled there) to unwrap PKCS#1 v1.5, `publicEncrypt` with RSA_NO_PADDING to wrap,
// and `privateDecrypt` with OAEP SHA-1 padding to unwrap RSA-OAEP (what WebCrypto runs too, without its job's
// per-call cost). OpenSSL blinds and uses CRT; core still checks each raw private result (m^e mod n = c), decodes
// the PKCS#1 padding in constant flow and gives its one unwrap error, and checks the public operation against its
// own when a key gets it.
import { constants, createPrivateKey, createPublicKey, privateDecrypt, publicEncrypt } from 'node:crypto';
import {
  exportRsaJwk,
  type RsaOaepDecrypt,
  type RsaPrivateKeyComponents,
  type RsaPrivateOperation,
  type RsaPublicKeyComponents,
  type RsaPublicOperation,
} from '@oss-cse/core';

/**
 * The raw RSA private operation of `key` on OpenSSL. The key object is created once, here; each call is one
 * `privateDecrypt({ key, padding: RSA_NO_PADDING })`.
 *
 * @example
 * ```ts
 * import { RsaMasterKey } from '@oss-cse/core';
 * import { nodeRsaPrivateOperation } from '@oss-cse/node';
 * declare const pem: string, existingMasterKey: RsaMasterKey;
 * const masterKey = await RsaMasterKey.import({ privateKey: pem, privateOperation: nodeRsaPrivateOperation });
 * const faster = await existingMasterKey.withPrivateOperation(nodeRsaPrivateOperation);
 * ```
 */
export function nodeRsaPrivateOperation(key: RsaPrivateKeyComponents): RsaPrivateOperation {
  const keyObject = createPrivateKey({ key: exportRsaJwk(key) as import('node:crypto').JsonWebKey, format: 'jwk' });
  return (input) => privateDecrypt({ key: keyObject, padding: constants.RSA_NO_PADDING }, input);
}

/**
 * RSA-OAEP SHA-1 decryption (MGF1-SHA-1, empty label: `RSA/NONE/OAEPWithSHA-1AndMGF1Padding`) with `key` on
 * OpenSSL. The key object is created once, here; each call is one `privateDecrypt` with OAEP padding, about two
 * thirds of the CPU of WebCrypto's RSA-OAEP decrypt in Node 20 (which sets up a job per call).
 *
 * @example
 * ```ts
 * import { RsaMasterKey, WRAP_RSA_OAEP_SHA1 } from '@oss-cse/core';
 * import { nodeRsaOaepDecrypt } from '@oss-cse/node';
 * declare const pem: string;
 * const masterKey = await RsaMasterKey.import({ privateKey: pem, wrapAlgorithm: WRAP_RSA_OAEP_SHA1 });
 * const faster = await masterKey.withOaepDecrypt(nodeRsaOaepDecrypt);
 * ```
 */
export function nodeRsaOaepDecrypt(key: RsaPrivateKeyComponents): RsaOaepDecrypt {
  const keyObject = createPrivateKey({ key: exportRsaJwk(key) as import('node:crypto').JsonWebKey, format: 'jwk' });
  return (input) =>
    privateDecrypt({ key: keyObject, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha1' }, input);
}

/**
 * The raw RSA public operation of `key` (`m^e mod n`) on OpenSSL, a fifth of the time of core's BigInt one. The key
 * object is created once, here; each call is one `publicEncrypt({ key, padding: RSA_NO_PADDING })`.
 *
 * @example
 * ```ts
 * import { RsaMasterKey } from '@oss-cse/core';
 * import { nodeRsaPublicOperation } from '@oss-cse/node';
 * declare const existingMasterKey: RsaMasterKey;
 * const faster = existingMasterKey.withPublicOperation(nodeRsaPublicOperation);
 * ```
 */
export function nodeRsaPublicOperation(key: RsaPublicKeyComponents): RsaPublicOperation {
  const { n, e } = key;
  const keyObject = createPublicKey({ key: exportRsaJwk({ n, e }) as import('node:crypto').JsonWebKey, format: 'jwk' });
  return (input) => publicEncrypt({ key: keyObject, padding: constants.RSA_NO_PADDING }, input);
}
