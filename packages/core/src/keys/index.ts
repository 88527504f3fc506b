// Public key API of @oss-cse/core: RSA master keys, key import/export/generation.
export { RsaMasterKey } from './rsa-master-key.js';
export type {
  RsaMasterKeyFromCryptoKeysOptions,
  RsaMasterKeyImportOptions,
  RsaMasterKeyInput,
  RsaWrapAlgorithm,
} from './rsa-master-key.js';
export { importRsaKey } from './import/index.js';
export type { ImportRsaKeyOptions, RsaKeyInput } from './import/index.js';
export { exportRsaJwk } from './import/jwk.js';
export { exportPrivateKeyPem, exportPublicKeyPem } from './export-pem.js';
export type { ExportPrivateKeyPemOptions, ExportPublicKeyPemOptions } from './export-pem.js';
export { generateRsaKeyPair } from './generate.js';
export type { GenerateRsaKeyPairOptions, RsaKeyPair } from './generate.js';
export { rsaKeyId } from './key-id.js';
export { isRsaPrivateKey, modulusLength } from './rsa/rsa-key.js';
export type { RsaPrivateOperation, RsaPrivateOperationFactory } from './rsa/private-operation.js';
export type { RsaOaepDecrypt, RsaOaepDecryptFactory } from './rsa/oaep.js';
export type { RsaPublicOperation, RsaPublicOperationFactory } from './rsa/public-operation.js';
export { bigIntRsaPublicOperation } from './rsa/public-operation.js';
export { portableRsaPrivateOperation, type PortableRsaOptions } from './rsa/portable-private-operation.js';
export { bigIntRsaPrivateOperation } from './rsa/rsa-private-op.js';
export type { RsaKeyComponents, RsaPrivateKeyComponents, RsaPublicKeyComponents } from './rsa/rsa-key.js';
