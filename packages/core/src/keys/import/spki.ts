// SubjectPublicKeyInfo (RFC 5280): `PUBLIC KEY` holding an RSAPublicKey.
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import type { RsaPublicKeyComponents } from '../rsa/rsa-key.js';
import { fromSchema, OID_RSA_ENCRYPTION, parseDer, requireRsaAlgorithm, toDer } from './der.js';
import { encodePkcs1PublicKey, parsePkcs1PublicKey } from './pkcs1.js';

/** Parses a DER SubjectPublicKeyInfo holding an RSA key. */
export function parseSpki(der: Uint8Array): RsaPublicKeyComponents {
  const what = 'SPKI public key';
  return fromPublicKeyInfo(fromSchema(() => new pkijs.PublicKeyInfo({ schema: parseDer(der, what) }), what), what);
}

/** Components of a parsed pkijs PublicKeyInfo (also the key of an X.509 certificate). */
export function fromPublicKeyInfo(info: pkijs.PublicKeyInfo, what: string): RsaPublicKeyComponents {
  requireRsaAlgorithm(info.algorithm.algorithmId, what);
  return parsePkcs1PublicKey(info.subjectPublicKey.valueBlock.valueHexView);
}

/** DER SubjectPublicKeyInfo of `key` (rsaEncryption, NULL parameters). */
export function encodeSpki(key: RsaPublicKeyComponents): Uint8Array {
  return toDer(new pkijs.PublicKeyInfo({
    algorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID_RSA_ENCRYPTION, algorithmParams: new asn1js.Null() }),
    subjectPublicKey: new asn1js.BitString({ valueHex: encodePkcs1PublicKey(key).slice().buffer }),
  }).toSchema());
}
