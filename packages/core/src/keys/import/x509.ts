// X.509 certificates (`CERTIFICATE`): the RSA public key of the subject. pkijs parses the certificate; importRsaKey
// loads this module with import() only when it meets one.
import * as pkijs from 'pkijs';
import type { RsaPublicKeyComponents } from '../rsa/rsa-key.js';
import { requireRsaAlgorithm } from './der.js';
import { parsePkcs1PublicKey } from './pkcs1.js';
import { fromSchema, parseBer } from './pkijs-support.js';

/** The RSA public key of a DER X.509 certificate (the certificate itself is not validated). */
export function parseCertificatePublicKey(der: Uint8Array): RsaPublicKeyComponents {
  const what = 'X.509 certificate';
  const cert = fromSchema(() => new pkijs.Certificate({ schema: parseBer(der, what) }), what);
  const info = cert.subjectPublicKeyInfo;
  requireRsaAlgorithm(info.algorithm.algorithmId, `The public key of the ${what}`);
  return parsePkcs1PublicKey(info.subjectPublicKey.valueBlock.valueHexView);
}
