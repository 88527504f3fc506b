// asn1js/pkijs for the forms core's own DER reader leaves to them (X.509 certificates, PBES2 parameters). Only
// modules loaded with import() use this file, so pages that import plain PEM/DER keys never download these libraries.
import * as asn1js from 'asn1js';
import { asBufferSource } from '../../util/bytes.js';
import { keyImportError } from './der.js';

/** Parses one BER value that must span all of `bytes`. */
export function parseBer(bytes: Uint8Array, what: string): asn1js.AsnType {
  const parsed = asn1js.fromBER(asBufferSource(bytes));
  if (parsed.offset === -1 || parsed.result.error) throw keyImportError(`${what} is not valid DER`);
  if (parsed.offset !== bytes.length)
    throw keyImportError(`${what} has ${bytes.length - parsed.offset} trailing bytes after the DER value`);
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
