// PKCS#8 (RFC 5208, RFC 5958): `PRIVATE KEY` (PrivateKeyInfo / OneAsymmetricKey wrapping an RSAPrivateKey).
import type { RsaPrivateKeyComponents } from '../rsa/rsa-key.js';
import { keyImportError, OID_RSA_ENCRYPTION, requireRsaAlgorithm } from './der.js';
import { readAlgorithm, readDer, readNull, readOctetString, readUnsigned, sequence } from './der-reader.js';
import { derAlgorithm, derInteger, derNull, derOctetString, derSequence } from './der-writer.js';
import { encodePkcs1PrivateKey, parsePkcs1PrivateKey } from './pkcs1.js';

const ATTRIBUTES = 0xa0; // [0] IMPLICIT SET OF Attribute
const PUBLIC_KEY = [0x81, 0xa1]; // [1] IMPLICIT BIT STRING (OneAsymmetricKey v2), either form

/** The algorithm OID and the inner key bytes of a DER PrivateKeyInfo (its structure checked, not the key). */
export function readPrivateKeyInfo(der: Uint8Array, what: string): { algorithm: string; privateKey: Uint8Array } {
  const [version, algorithm, privateKey, ...rest] = sequence(readDer(der, what), what);
  const v = readUnsigned(version, `${what} version`);
  const { oid, params } = readAlgorithm(algorithm, `${what} algorithm`);
  const bytes = readOctetString(privateKey, what);
  const optional = rest.map((node) => node.tag);
  const allowed = v === 1n ? [ATTRIBUTES, ...PUBLIC_KEY] : [ATTRIBUTES];
  if (
    v > 1n ||
    optional.some((tag) => !allowed.includes(tag)) ||
    new Set(optional).size !== optional.length ||
    (optional.length === 2 && optional[0] !== ATTRIBUTES)
  ) {
    throw keyImportError(`${what} does not have the expected ASN.1 structure`);
  }
  if (oid === OID_RSA_ENCRYPTION && params !== undefined) readNull(params, `${what} algorithm parameters`);
  return { algorithm: oid, privateKey: bytes };
}

/** Parses a DER PrivateKeyInfo holding an RSA key. */
export function parsePkcs8PrivateKey(der: Uint8Array): RsaPrivateKeyComponents {
  const what = 'PKCS#8 private key';
  const info = readPrivateKeyInfo(der, what);
  requireRsaAlgorithm(info.algorithm, what);
  return parsePkcs1PrivateKey(info.privateKey);
}

/** DER PrivateKeyInfo of `key` (version 0, rsaEncryption with NULL parameters). */
export function encodePkcs8PrivateKey(key: RsaPrivateKeyComponents): Uint8Array {
  const inner = encodePkcs1PrivateKey(key);
  try {
    return derSequence([derInteger(0n), derAlgorithm(OID_RSA_ENCRYPTION, derNull()), derOctetString(inner)]);
  } finally {
    inner.fill(0);
  }
}
