// PKCS#8 (RFC 5208): `PRIVATE KEY` (PrivateKeyInfo wrapping an RSAPrivateKey).
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import type { RsaPrivateKeyComponents } from '../rsa/rsa-key.js';
import { fromSchema, OID_RSA_ENCRYPTION, parseDer, requireRsaAlgorithm, toDer } from './der.js';
import { encodePkcs1PrivateKey, parsePkcs1PrivateKey } from './pkcs1.js';

/** Parses a DER PrivateKeyInfo holding an RSA key. */
export function parsePkcs8PrivateKey(der: Uint8Array): RsaPrivateKeyComponents {
  const what = 'PKCS#8 private key';
  const info = fromSchema(() => new pkijs.PrivateKeyInfo({ schema: parseDer(der, what) }), what);
  requireRsaAlgorithm(info.privateKeyAlgorithm.algorithmId, what);
  return parsePkcs1PrivateKey(info.privateKey.valueBlock.valueHexView);
}

/** DER PrivateKeyInfo of `key` (rsaEncryption, NULL parameters). */
export function encodePkcs8PrivateKey(key: RsaPrivateKeyComponents): Uint8Array {
  return toDer(new pkijs.PrivateKeyInfo({
    version: 0,
    privateKeyAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID_RSA_ENCRYPTION, algorithmParams: new asn1js.Null() }),
    privateKey: new asn1js.OctetString({ valueHex: asBuffer(encodePkcs1PrivateKey(key)) }),
  }).toSchema());
}

const asBuffer = (bytes: Uint8Array): ArrayBuffer => bytes.slice().buffer;
