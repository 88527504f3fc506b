// OpenSSL's AES-256-CTR for the content ciphers of a Node client's objects: synchronous (no round trip through
// WebCrypto's asynchronous job) for the small calls core gives it, on the same key: the non-extractable CryptoKey
// becomes a KeyObject (`KeyObject.from`, no key bytes in JavaScript), created once per content key.
import { createCipheriv, KeyObject } from 'node:crypto';
import type { AesCtrOperation, RawAesCtrOperation } from '@oss-cse/core';

const keyObjects = new WeakMap<CryptoKey, KeyObject>();

/**
 * AES-256-CTR of `data` from the counter block `counter` (the whole 128-bit block incremented, as WebCrypto's
 * `length: 128`) on OpenSSL.
 *
 * @example
 * ```ts
 * import { Keyring, type MasterKey } from '@oss-cse/core';
 * import { nodeAesCtr } from '@oss-cse/node';
 * declare const masterKey: MasterKey;
 * const keyring = new Keyring([masterKey], { aesCtr: nodeAesCtr }); // what NodeClient uses
 * ```
 */
export const nodeAesCtr: AesCtrOperation = (key, counter, data) => {
  let keyObject = keyObjects.get(key);
  if (!keyObject) keyObjects.set(key, (keyObject = KeyObject.from(key)));
  return opensslCtr(keyObject, counter, data);
};

/**
 * AES-256-CTR of `data` from the counter block `counter` on OpenSSL with a new data key's raw bytes (no CryptoKey
 * import, no KeyObject): core encrypts a new object of at most 64 KiB in one such call and wipes the key bytes.
 *
 * @example
 * ```ts
 * import { Keyring, type MasterKey } from '@oss-cse/core';
 * import { nodeAesCtr, nodeRawAesCtr } from '@oss-cse/node';
 * declare const masterKey: MasterKey;
 * const keyring = new Keyring([masterKey], { aesCtr: nodeAesCtr, rawAesCtr: nodeRawAesCtr }); // NodeClient's
 * ```
 */
export const nodeRawAesCtr: RawAesCtrOperation = (key, counter, data) => opensslCtr(key, counter, data);

/** One OpenSSL AES-256-CTR call on a key's bytes or KeyObject. */
function opensslCtr(key: Uint8Array | KeyObject, counter: Uint8Array, data: Uint8Array): Uint8Array {
  const cipher = createCipheriv('aes-256-ctr', key, counter);
  const out = cipher.update(data);
  cipher.final(); // CTR: nothing more
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}
