// PKCS#1 (RFC 8017 Appendix A.1): `RSA PRIVATE KEY` (RSAPrivateKey) and `RSA PUBLIC KEY` (RSAPublicKey).
// A SEQUENCE of INTEGERs, read and written with core's DER reader and writer, every INTEGER exactly as encoded.
import {
  checkPrivateKey,
  checkPublicKey,
  type RsaPrivateKeyComponents,
  type RsaPublicKeyComponents,
} from '../rsa/rsa-key.js';
import { keyImportError } from './der.js';
import { readDer, readUnsigned, sequence, TAG } from './der-reader.js';
import { derInteger, derSequence } from './der-writer.js';

/** The leading INTEGERs of a SEQUENCE, and how many other values follow them. */
function integers(der: Uint8Array, what: string): { values: bigint[]; extra: number } {
  const kids = sequence(readDer(der, what), what);
  const values: bigint[] = [];
  for (const kid of kids) {
    if (kid.tag !== TAG.INTEGER) break;
    values.push(readUnsigned(kid, `${what} INTEGER`));
  }
  if (values.length === 0) throw keyImportError(`${what} does not have the expected ASN.1 structure`);
  return { values, extra: kids.length - values.length };
}

/** Parses a DER RSAPrivateKey (two-prime, version 0) and checks its components. */
export function parsePkcs1PrivateKey(der: Uint8Array): RsaPrivateKeyComponents {
  const what = 'PKCS#1 RSA private key';
  const { values, extra } = integers(der, what);
  const [version, n, e, d, p, q, dp, dq, qi] = values;
  if (version === 1n || extra > 0) throw keyImportError(`${what} is a multi-prime RSA key, which is not supported`);
  if (version !== 0n || values.length !== 9) throw keyImportError(`${what} does not have the expected ASN.1 structure`);
  return checkPrivateKey({ n: n!, e: e!, d: d!, p: p!, q: q!, dp: dp!, dq: dq!, qi: qi! });
}

/** Parses a DER RSAPublicKey and checks n and e. */
export function parsePkcs1PublicKey(der: Uint8Array): RsaPublicKeyComponents {
  const what = 'PKCS#1 RSA public key';
  const { values, extra } = integers(der, what);
  if (values.length !== 2 || extra > 0) throw keyImportError(`${what} does not have the expected ASN.1 structure`);
  return checkPublicKey({ n: values[0]!, e: values[1]! });
}

const sequenceOf = (values: bigint[]): Uint8Array => derSequence(values.map(derInteger));

/** DER RSAPrivateKey of `key`. */
export function encodePkcs1PrivateKey(key: RsaPrivateKeyComponents): Uint8Array {
  return sequenceOf([0n, key.n, key.e, key.d, key.p, key.q, key.dp, key.dq, key.qi]);
}

/** DER RSAPublicKey of `key`. */
export function encodePkcs1PublicKey(key: RsaPublicKeyComponents): Uint8Array {
  return sequenceOf([key.n, key.e]);
}
