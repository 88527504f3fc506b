// @oss-cse/core offline: a Keyring, encryptObject and decryptObject (no transport, no key import).
import { Keyring, decryptObject, encryptObject } from '@oss-cse/core';

globalThis.ossCseBundle = async ({ masterKey, plaintext }) => {
  const keyring = new Keyring([masterKey]);
  const { headers, ciphertext } = await encryptObject({ keyring, plaintext });
  return decryptObject({ keyring, headers, ciphertext });
};
