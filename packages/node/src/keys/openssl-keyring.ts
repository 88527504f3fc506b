// The keyring a Node client unwraps with: each RSA master key that runs on core's portable private operation gets
// OpenSSL's instead (the same key id, description and wrap algorithm; core keeps its checks and its one unwrap
// error). Keys given their own private operation, KMS and custom master keys are used as they are.
import { Keyring, RsaMasterKey, type MasterKey } from '@oss-cse/core';
import { nodeRsaPrivateOperation } from './openssl-rsa.js';

/**
 * @example
 * ```ts
 * const fast = await opensslKeyring(keyring); // what NodeClient reads with unless `nativeRsa: false`
 * ```
 */
export async function opensslKeyring(keyring: Keyring): Promise<Keyring> {
  const keys = await Promise.all(keyring.keys.map(onOpenSsl));
  return new Keyring(keys, { defaultKey: keys[keyring.keys.indexOf(keyring.defaultKey)] });
}

async function onOpenSsl(key: MasterKey): Promise<MasterKey> {
  if (!(key instanceof RsaMasterKey) || !key.usesPortablePrivateOperation || !key.canUnwrap) return key;
  try {
    return await key.withPrivateOperation(nodeRsaPrivateOperation);
  } catch {
    // A key OpenSSL refuses (ERR_KEY_IMPORT) keeps core's portable operation, which reads it.
    return key;
  }
}
