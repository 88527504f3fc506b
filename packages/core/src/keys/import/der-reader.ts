// A strict DER reader (X.690 §8, §10): one TLV at a time, lengths definite and minimal, contents read on demand.
// Enough for RSA keys (PKCS#1, PKCS#8, SPKI) and for recognising the outer structure of the other forms. Anything
// that is not DER (indefinite or non-minimal lengths, non-minimal INTEGERs, constructed strings, trailing bytes,
// truncation) is an ERR_KEY_IMPORT naming `what`, never another error.
import { bytesToBigInt } from '../rsa/bigint-math.js';
import { keyImportError } from './der.js';
import * as TAG from './der-tags.js';

/** One DER value: its identifier octet and its contents (a view into the input, not a copy). */
export interface DerNode {
  /** The identifier octet: class (bits 8–7), constructed (bit 6), tag number (bits 5–1, below 31). */
  readonly tag: number;
  readonly contents: Uint8Array;
}

/** Identifier octets of the universal types the key formats use (constants a bundler inlines at each use). */
export * as TAG from './der-tags.js';

const CONSTRUCTED = 0x20;
/** Lengths above this are refused before any allocation (no key comes near 16 MiB). */
const MAX_LENGTH = 0xffffff;

/** True for a constructed value (SEQUENCE, SET, constructed context tags). */
export const isConstructed = (node: DerNode): boolean => (node.tag & CONSTRUCTED) !== 0;

const notDer = (what: string, why: string) => keyImportError(`${what} is not valid DER (${why})`);

/** Reads the TLV at `offset` of `bytes`; returns it and the offset after it. */
function readTlv(bytes: Uint8Array, offset: number, what: string): { node: DerNode; end: number } {
  if (offset >= bytes.length) throw notDer(what, 'truncated');
  const tag = bytes[offset]!;
  if ((tag & 0x1f) === 0x1f) throw notDer(what, 'high tag number');
  if (tag === 0) throw notDer(what, 'end-of-contents octets');
  // DER: strings and primitives of universal types are primitive, SEQUENCE and SET constructed.
  if ((tag & 0xc0) === 0) {
    const number = tag & 0x1f;
    if ((number === 0x10 || number === 0x11) !== ((tag & CONSTRUCTED) !== 0))
      throw notDer(what, `wrong form for universal tag ${number}`);
  }
  let pos = offset + 1;
  if (pos >= bytes.length) throw notDer(what, 'truncated');
  const first = bytes[pos++]!;
  let length = first;
  if (first === 0x80) throw notDer(what, 'indefinite length');
  if (first > 0x80) {
    const count = first & 0x7f;
    if (count > 3) throw notDer(what, 'length too large');
    if (pos + count > bytes.length) throw notDer(what, 'truncated');
    if (bytes[pos] === 0) throw notDer(what, 'non-minimal length');
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + bytes[pos++]!;
    if (length < 0x80) throw notDer(what, 'non-minimal length');
  }
  if (length > MAX_LENGTH || pos + length > bytes.length) throw notDer(what, 'truncated');
  return { node: { tag, contents: bytes.subarray(pos, pos + length) }, end: pos + length };
}

/** The one DER value that spans all of `bytes`. */
export function readDer(bytes: Uint8Array, what: string): DerNode {
  const { node, end } = readTlv(bytes, 0, what);
  if (end !== bytes.length)
    throw keyImportError(`${what} has ${bytes.length - end} trailing bytes after the DER value`);
  return node;
}

/** The values inside a constructed node, in order. */
export function children(node: DerNode, what: string): DerNode[] {
  if (!isConstructed(node)) throw keyImportError(`${what} does not have the expected ASN.1 structure`);
  const out: DerNode[] = [];
  for (let offset = 0; offset < node.contents.length;) {
    const { node: child, end } = readTlv(node.contents, offset, what);
    out.push(child);
    offset = end;
  }
  return out;
}

/** Throws the structure error unless `node` has the identifier `tag`. */
export function expectTag(node: DerNode | undefined, tag: number, what: string): DerNode {
  if (node === undefined || node.tag !== tag)
    throw keyImportError(`${what} does not have the expected ASN.1 structure`);
  return node;
}

/** The elements of a SEQUENCE. */
export const sequence = (node: DerNode | undefined, what: string): DerNode[] =>
  children(expectTag(node, TAG.SEQUENCE, what), what);

/** A (signed) INTEGER in minimal two's-complement form. */
export function readInteger(node: DerNode | undefined, what: string): bigint {
  const c = expectTag(node, TAG.INTEGER, what).contents;
  if (c.length === 0) throw notDer(what, 'empty INTEGER');
  if (c.length > 1 && ((c[0] === 0 && c[1]! < 0x80) || (c[0] === 0xff && c[1]! >= 0x80)))
    throw notDer(what, 'non-minimal INTEGER');
  const value = bytesToBigInt(c);
  return c[0]! >= 0x80 ? value - (1n << BigInt(c.length * 8)) : value;
}

/** A non-negative INTEGER. */
export function readUnsigned(node: DerNode | undefined, what: string): bigint {
  const value = readInteger(node, what);
  if (value < 0n) throw keyImportError(`${what} is negative`);
  return value;
}

/** A BIT STRING's unused-bit count and its bytes (the unused bits must be zero, as DER requires). */
export function readBitString(node: DerNode | undefined, what: string): { unusedBits: number; bytes: Uint8Array } {
  const c = expectTag(node, TAG.BIT_STRING, what).contents;
  const unusedBits = c[0];
  if (unusedBits === undefined || unusedBits > 7 || (c.length === 1 && unusedBits !== 0))
    throw notDer(what, 'bad BIT STRING');
  if (unusedBits > 0 && (c[c.length - 1]! & ((1 << unusedBits) - 1)) !== 0)
    throw notDer(what, 'BIT STRING unused bits set');
  return { unusedBits, bytes: c.subarray(1) };
}

/** An OCTET STRING's bytes. */
export const readOctetString = (node: DerNode | undefined, what: string): Uint8Array =>
  expectTag(node, TAG.OCTET_STRING, what).contents;

/** Checks a NULL. */
export function readNull(node: DerNode | undefined, what: string): null {
  if (expectTag(node, TAG.NULL, what).contents.length !== 0) throw notDer(what, 'NULL with contents');
  return null;
}

/** An OBJECT IDENTIFIER in dotted form (`1.2.840.113549.1.1.1`). */
export function readOid(node: DerNode | undefined, what: string): string {
  const c = expectTag(node, TAG.OID, what).contents;
  if (c.length === 0 || c[c.length - 1]! >= 0x80) throw notDer(what, 'bad OBJECT IDENTIFIER');
  const arcs: bigint[] = [];
  let arc = 0n;
  let start = true;
  for (const b of c) {
    if (start && b === 0x80) throw notDer(what, 'non-minimal OBJECT IDENTIFIER');
    arc = (arc << 7n) | BigInt(b & 0x7f);
    start = b < 0x80;
    if (start) {
      arcs.push(arc);
      arc = 0n;
    }
  }
  const first = arcs[0]!;
  const head = first < 40n ? [0n, first] : first < 80n ? [1n, first - 40n] : [2n, first - 80n];
  return [...head, ...arcs.slice(1)].join('.');
}

/** An AlgorithmIdentifier: its OID and its parameters, if any. */
export function readAlgorithm(node: DerNode | undefined, what: string): { oid: string; params: DerNode | undefined } {
  const [oid, params, ...rest] = sequence(node, what);
  if (rest.length > 0) throw keyImportError(`${what} does not have the expected ASN.1 structure`);
  return { oid: readOid(oid, what), params };
}
