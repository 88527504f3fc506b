// OpenSSL's raw RSA private operation for core's RsaMasterKey: `privateDecrypt` with RSA_NO_PADDING (allowed in
// Node 20; only PKCS#1 v1.5 padding is disabled there). OpenSSL blinds and uses CRT; core still checks each
// result (m^e mod n = c), decodes the padding in constant flow and gives its one unwrap error.
import { constants, createPrivateKey, privateDecrypt } from 'node:crypto';
import { exportRsaJwk, type RsaPrivateKeyComponents, type RsaPrivateOperation } from '@oss-cse/core';

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
