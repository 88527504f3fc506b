// PBES2 (RFC 8018) as encrypted PKCS#8 uses it: the algorithm OIDs, the limits, and the parameters read from a key.

export const OID_PBES2 = '1.2.840.113549.1.5.13';
export const OID_PBKDF2 = '1.2.840.113549.1.5.12';
export const OID_HMAC_SHA256 = '1.2.840.113549.2.9';
export const OID_AES256_CBC = '2.16.840.1.101.3.4.1.42';

/** PBKDF2 PRFs by OID, as WebCrypto hash names. */
export const PRFS: Readonly<Record<string, string>> = {
  '1.2.840.113549.2.7': 'SHA-1',
  '1.2.840.113549.2.8': 'SHA-224',
  [OID_HMAC_SHA256]: 'SHA-256',
  '1.2.840.113549.2.10': 'SHA-384',
  '1.2.840.113549.2.11': 'SHA-512',
};

/** AES-CBC key sizes in bits by OID. */
export const CIPHERS: Readonly<Record<string, number>> = {
  '2.16.840.1.101.3.4.1.2': 128,
  '2.16.840.1.101.3.4.1.22': 192,
  [OID_AES256_CBC]: 256,
};

/** Upper bound on PBKDF2 iterations accepted on import (a hostile file must not hang the page). */
export const MAX_PBKDF2_ITERATIONS = 10_000_000;
/** PBKDF2-HMAC-SHA256 iterations used on export unless the caller chooses (OWASP 2023). */
export const DEFAULT_PBKDF2_ITERATIONS = 600_000;

/** What decrypting an EncryptedPrivateKeyInfo needs. */
export interface Pbes2 {
  readonly salt: Uint8Array;
  readonly iterations: number;
  /** WebCrypto hash of the PBKDF2 PRF. */
  readonly hash: string;
  readonly aesBits: number;
  readonly iv: Uint8Array;
  readonly encrypted: Uint8Array;
}
