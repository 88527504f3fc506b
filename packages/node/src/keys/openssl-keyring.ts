// The keyrings a Node client unwraps and wraps with: each RSA master key that runs on core's portable private
// operation gets OpenSSL's instead, and one that unwraps RSA-OAEP on WebCrypto OpenSSL's OAEP decryption (the same
// key id, description and wrap algorithm; core keeps its checks and its one unwrap error), and the default key,
// which wraps every new object, OpenSSL's public operation; both keyrings' objects' content ciphers run small calls
// on OpenSSL's AES-CTR, and a new object of at most 64 KiB is encrypted in one OpenSSL call on its data key's
// bytes. Keys given their own operations, KMS and custom master keys are used as they are.
import { Keyring, RsaMasterKey, type MasterKey } from '@oss-cse/core';
import { nodeAesCtr, nodeRawAesCtr } from './openssl-aes.js';
import { nodeRsaOaepDecrypt, nodeRsaPrivateOperation, nodeRsaPublicOperation } from './openssl-rsa.js';

/**
 * @example
 * ```ts
 * const fast = await opensslKeyring(keyring); // what NodeClient reads with unless `nativeRsa: false`
 * ```
 */
export async function opensslKeyring(keyring: Keyring): Promise<Keyring> {
  const keys = await Promise.all(keyring.keys.map(onOpenSsl));
  return new Keyring(keys, { defaultKey: keys[keyring.keys.indexOf(keyring.defaultKey)], ...aesCtrOf(keyring) });
}

async function onOpenSsl(key: MasterKey): Promise<MasterKey> {
  if (!(key instanceof RsaMasterKey) || !key.canUnwrap) return key;
  let fast = key;
  try {
    if (fast.usesPortablePrivateOperation) fast = await fast.withPrivateOperation(nodeRsaPrivateOperation);
    if (fast.usesWebCryptoOaep) fast = await fast.withOaepDecrypt(nodeRsaOaepDecrypt);
  } catch {
    // A key OpenSSL refuses (ERR_KEY_IMPORT) keeps what it had: core's portable operation and WebCrypto read it.
  }
  return fast;
}

/**
 * The keyring a Node client encrypts with: the same keys, the default one (which wraps new objects) wrapping PKCS#1
 * v1.5 through OpenSSL's public operation when it ran on core's BigInt one, and OpenSSL's AES-CTR for small calls.
 *
 * @example
 * ```ts
 * const writing = opensslWrapKeyring(keyring); // what NodeClient encrypts with unless `nativeRsa: false`
 * ```
 */
export function opensslWrapKeyring(keyring: Keyring): Keyring {
  const key = keyring.defaultKey;
  let fast = key;
  if (key instanceof RsaMasterKey && key.usesPortablePublicOperation) {
    try {
      fast = key.withPublicOperation(nodeRsaPublicOperation);
    } catch {
      // A key OpenSSL refuses (ERR_KEY_IMPORT) keeps core's BigInt operation.
    }
  }
  return new Keyring(
    keyring.keys.map((k) => (k === key ? fast : k)),
    { defaultKey: fast, ...aesCtrOf(keyring) },
  );
}

/**
 * The keyring's own AES-CTR operations if it has any (its raw one only then: a keyring given its own cipher keeps
 * it for small objects too), else OpenSSL's.
 */
function aesCtrOf(keyring: Keyring) {
  if (keyring.aesCtr || keyring.rawAesCtr) return { aesCtr: keyring.aesCtr, rawAesCtr: keyring.rawAesCtr };
  return { aesCtr: nodeAesCtr, rawAesCtr: nodeRawAesCtr };
}
