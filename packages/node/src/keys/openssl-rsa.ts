// OpenSSL's raw RSA operations for core's RsaMasterKey: `privateDecrypt` with RSA_NO_PADDING (allowed in Node 20;
// only PKCS#1 v1.5 padding is disabled there) to unwrap, `publicEncrypt` with RSA_NO_PADDING to wrap. OpenSSL
// blinds and uses CRT; core still checks each private result (m^e mod n = c), decodes the padding in constant flow
// and gives its one unwrap error, and checks the public operation against its own when a key gets it.
import { constants, createPrivateKey, createPublicKey, privateDecrypt, publicEncrypt } from 'node:crypto';
import {
  exportRsaJwk,
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
