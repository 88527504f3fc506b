// X.509 certificates (`CERTIFICATE`): the RSA public key of the subject.
import * as pkijs from 'pkijs';
import type { RsaPublicKeyComponents } from '../rsa/rsa-key.js';
import { fromSchema, parseDer } from './der.js';
import { fromPublicKeyInfo } from './spki.js';

/** The RSA public key of a DER X.509 certificate (the certificate itself is not validated). */
export function parseCertificatePublicKey(der: Uint8Array): RsaPublicKeyComponents {
  const what = 'X.509 certificate';
  const cert = fromSchema(() => new pkijs.Certificate({ schema: parseDer(der, what) }), what);
  return fromPublicKeyInfo(cert.subjectPublicKeyInfo, `The public key of the ${what}`);
}
