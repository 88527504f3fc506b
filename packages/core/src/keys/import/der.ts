// DER helpers shared by the key parsers: strict parsing, INTEGER ↔ BigInt, algorithm names, import errors.
import * as asn1js from 'asn1js';
import { OssCseError } from '../../errors.js';
import { asBufferSource } from '../../util/bytes.js';

/** The ERR_KEY_IMPORT error with a helpful message (the cause kept for debugging, never key bytes). */
export function keyImportError(message: string, cause?: unknown): OssCseError {
  return new OssCseError('ERR_KEY_IMPORT', message, cause === undefined ? {} : { cause });
}

/** Parses one DER value that must span all of `bytes`. */
export function parseDer(bytes: Uint8Array, what: string): asn1js.AsnType {
  const parsed = asn1js.fromBER(asBufferSource(bytes));
  if (parsed.offset === -1 || parsed.result.error) throw keyImportError(`${what} is not valid DER`);
  if (parsed.offset !== bytes.length) throw keyImportError(`${what} has ${bytes.length - parsed.offset} trailing bytes after the DER value`);
  return parsed.result;
}

/** Runs a pkijs constructor on a parsed schema, mapping its errors to ERR_KEY_IMPORT. */
export function fromSchema<T>(build: () => T, what: string): T {
  try {
    return build();
  } catch (e) {
    throw keyImportError(`${what} does not have the expected ASN.1 structure`, e);
  }
}

/** A non-negative INTEGER as BigInt. */
export function toBigInt(value: asn1js.Integer, what: string): bigint {
  const n = value.toBigInt();
  if (n < 0n) throw keyImportError(`${what} is negative`);
  return n;
}

/** A BigInt as a DER INTEGER. */
export const toInteger = (value: bigint): asn1js.Integer => asn1js.Integer.fromBigInt(value);

/** Encodes an asn1js value (or pkijs `toSchema()` result) to DER bytes. */
export const toDer = (value: { toBER(sizeOnly?: boolean): ArrayBuffer }): Uint8Array => new Uint8Array(value.toBER(false));

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
  throw keyImportError(`${what} is ${name ? `a ${name} key` : `a key of algorithm ${oid}`}, not an RSA (rsaEncryption) key; only RSA keys are supported`);
}
