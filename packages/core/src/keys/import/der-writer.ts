// DER encoding of the few types the key formats write (X.690 §10): definite minimal lengths, minimal INTEGERs.
import { concatBytes } from '../../util/bytes.js';
import { bigIntToBytes } from '../rsa/bigint-math.js';
import { TAG } from './der-reader.js';

function lengthOctets(length: number): Uint8Array {
  if (length < 0x80) return Uint8Array.of(length);
  const bytes: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) bytes.unshift(n % 256);
  return Uint8Array.of(0x80 | bytes.length, ...bytes);
}

/** A TLV: identifier octet, length, contents. */
export const derTlv = (tag: number, contents: Uint8Array): Uint8Array =>
  concatBytes([Uint8Array.of(tag), lengthOctets(contents.length), contents]);

/** A SEQUENCE of already-encoded values. */
export const derSequence = (items: readonly Uint8Array[]): Uint8Array => derTlv(TAG.SEQUENCE, concatBytes(items));

/** A non-negative INTEGER (a leading zero octet only where the high bit would make it negative). */
export function derInteger(value: bigint): Uint8Array {
  const bytes = bigIntToBytes(value);
  return derTlv(TAG.INTEGER, bytes[0]! >= 0x80 ? concatBytes([Uint8Array.of(0), bytes]) : bytes);
}

export const derOctetString = (bytes: Uint8Array): Uint8Array => derTlv(TAG.OCTET_STRING, bytes);

/** A BIT STRING of whole bytes (no unused bits). */
export const derBitString = (bytes: Uint8Array): Uint8Array =>
  derTlv(TAG.BIT_STRING, concatBytes([Uint8Array.of(0), bytes]));

export const derNull = (): Uint8Array => Uint8Array.of(TAG.NULL, 0);

/** An OBJECT IDENTIFIER from its dotted form. */
export function derOid(dotted: string): Uint8Array {
  const arcs = dotted.split('.').map(BigInt);
  const out: number[] = [];
  for (const arc of [arcs[0]! * 40n + arcs[1]!, ...arcs.slice(2)]) {
    const septets = [Number(arc & 0x7fn)];
    for (let rest = arc >> 7n; rest > 0n; rest >>= 7n) septets.unshift(Number(rest & 0x7fn) | 0x80);
    out.push(...septets);
  }
  return derTlv(TAG.OID, Uint8Array.from(out));
}

/** An AlgorithmIdentifier: the OID and, when given, its encoded parameters. */
export const derAlgorithm = (oid: string, params?: Uint8Array): Uint8Array =>
  derSequence(params === undefined ? [derOid(oid)] : [derOid(oid), params]);
