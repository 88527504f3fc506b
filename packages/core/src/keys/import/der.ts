// What the key parsers share: the import error, and the key algorithms they recognise by OID.
import { OssCseError } from '../../errors.js';

/** The ERR_KEY_IMPORT error with a helpful message (the cause kept for debugging, never key bytes). */
export function keyImportError(message: string, cause?: unknown): OssCseError {
  return new OssCseError('ERR_KEY_IMPORT', message, cause === undefined ? {} : { cause });
}

/** OID of rsaEncryption (PKCS#1), the only key algorithm oss-cse accepts. */
export const OID_RSA_ENCRYPTION = '1.2.840.113549.1.1.1';

const KEY_ALGORITHMS: Readonly<Record<string, string>> = {
  '1.2.840.113549.1.1.10': 'RSASSA-PSS',
  '1.2.840.113549.1.1.7': 'RSAES-OAEP',
  '1.2.840.10045.2.1': 'EC',
  '1.2.840.10040.4.1': 'DSA',
  '1.2.840.113549.1.3.1': 'DH',
  '1.3.101.110': 'X25519',
  '1.3.101.111': 'X448',
  '1.3.101.112': 'Ed25519',
  '1.3.101.113': 'Ed448',
  '1.2.156.10197.1.301': 'SM2',
};

/** Throws ERR_KEY_IMPORT naming the algorithm unless `oid` is rsaEncryption. */
export function requireRsaAlgorithm(oid: string, what: string): void {
  if (oid === OID_RSA_ENCRYPTION) return;
  const name = KEY_ALGORITHMS[oid];
  throw keyImportError(
    `${what} is ${name ? `a ${name} key` : `a key of algorithm ${oid}`}, not an RSA (rsaEncryption) key; only RSA keys are supported`,
  );
}
