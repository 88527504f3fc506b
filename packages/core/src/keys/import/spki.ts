// SubjectPublicKeyInfo (RFC 5280): `PUBLIC KEY` holding an RSAPublicKey (also the key inside an X.509 certificate).
import type { RsaPublicKeyComponents } from '../rsa/rsa-key.js';
import { keyImportError, OID_RSA_ENCRYPTION, requireRsaAlgorithm } from './der.js';
import { readAlgorithm, readBitString, readDer, readNull, sequence, type DerNode } from './der-reader.js';
import { derAlgorithm, derBitString, derNull, derSequence } from './der-writer.js';
import { encodePkcs1PublicKey, parsePkcs1PublicKey } from './pkcs1.js';

/** Parses a DER SubjectPublicKeyInfo holding an RSA key. */
export function parseSpki(der: Uint8Array): RsaPublicKeyComponents {
  const what = 'SPKI public key';
  return readSpki(readDer(der, what), what);
}

/** Components of a SubjectPublicKeyInfo node (an SPKI's root, or a certificate's subjectPublicKeyInfo). */
export function readSpki(node: DerNode, what: string): RsaPublicKeyComponents {
  const [algorithm, subjectPublicKey, ...rest] = sequence(node, what);
  if (rest.length > 0) throw keyImportError(`${what} does not have the expected ASN.1 structure`);
  const { oid, params } = readAlgorithm(algorithm, `${what} algorithm`);
  const key = readBitString(subjectPublicKey, what);
  requireRsaAlgorithm(oid, what);
  if (params !== undefined) readNull(params, `${what} algorithm parameters`);
  if (key.unusedBits !== 0) throw keyImportError(`${what} does not have the expected ASN.1 structure`);
  return parsePkcs1PublicKey(key.bytes);
}

/** DER SubjectPublicKeyInfo of `key` (rsaEncryption, NULL parameters). */
export function encodeSpki(key: RsaPublicKeyComponents): Uint8Array {
  return derSequence([derAlgorithm(OID_RSA_ENCRYPTION, derNull()), derBitString(encodePkcs1PublicKey(key))]);
}
