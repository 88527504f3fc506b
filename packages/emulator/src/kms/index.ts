export { canonicalEncryptionContext, parseEncryptionContext, type EncryptionContext } from './encryption-context.js';
export type { KeyState, KmsKeyRecord } from './key-record.js';
export { KMS_KEYS_FILE } from './key-store.js';
export {
  KMS_API_VERSION,
  createKmsService,
  type CreatedKey,
  type KmsService,
  type KmsServiceOptions,
} from './service.js';
