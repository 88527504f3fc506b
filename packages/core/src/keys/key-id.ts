// A stable identifier of an RSA key: SHA-256 of its SPKI DER, in hex (the same for the private key and its public
// half).
import { toHex } from '../util/bytes.js';
import { encodeSpki } from './import/spki.js';
import type { RsaPublicKeyComponents } from './rsa/rsa-key.js';

/**
 * The key's fingerprint: lower-case hex SHA-256 of the DER SubjectPublicKeyInfo, as
 * `openssl pkey -pubout -outform DER | sha256sum` prints it. Useful to name keys in keyrings and the CLI.
 *
 * @example
 * ```ts
 * import { importRsaKey, rsaKeyId } from '@oss-cse/core';
 * declare const pem: string;
 * const id = await rsaKeyId(await importRsaKey(pem)); // "3f1c…" (64 hex digits)
 * ```
 */
export async function rsaKeyId(key: RsaPublicKeyComponents): Promise<string> {
  return toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', encodeSpki(key).slice())));
}
