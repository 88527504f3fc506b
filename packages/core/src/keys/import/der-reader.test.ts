// The DER reader (Node + Chromium): strict DER only, every failure an ERR_KEY_IMPORT, and agreement with asn1js
// (a BER parser) on every input both accept; fuzzed with random trees, random bytes and mutated real keys.
import * as asn1js from 'asn1js';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { OssCseError } from '../../errors.js';
import { fromHex, toHex } from '../../util/bytes.js';
import fixtures from '../../../test/fixtures/key-fixtures.json' with { type: 'json' };
import {
  children,
  isConstructed,
  readBitString,
  readDer,
  readInteger,
  readNull,
  readOid,
  TAG,
  type DerNode,
} from './der-reader.js';
import { derBitString, derInteger, derNull, derOctetString, derOid, derSequence, derTlv } from './der-writer.js';
import { exportPrivateKeyPem, exportPublicKeyPem } from '../export-pem.js';
import type { RsaPrivateKeyComponents } from '../rsa/rsa-key.js';
import { decodePem } from './pem.js';
import { importRsaKey } from './index.js';

/** A parsed value, the same shape from either parser: tag octet, contents, and the typed reading where there is one. */
interface Tree {
  tag: number;
  contents: string;
  value?: string;
  kids?: Tree[];
}

/** Every value of `bytes`, read with the DER reader (types it knows read as such). */
function ours(bytes: Uint8Array): Tree {
  const walk = (node: DerNode): Tree => {
    const tree: Tree = { tag: node.tag, contents: toHex(node.contents) };
    if (isConstructed(node)) return { ...tree, kids: children(node, 'test').map(walk) };
    if (node.tag === TAG.INTEGER) return { ...tree, value: readInteger(node, 'test').toString() };
    if (node.tag === TAG.OID) return { ...tree, value: bigArcs(readOid(node, 'test')) };
    if (node.tag === TAG.NULL) return { ...tree, value: String(readNull(node, 'test')) };
    if (node.tag === TAG.BIT_STRING) return { ...tree, value: String(readBitString(node, 'test').unusedBits) };
    return tree;
  };
  return walk(readDer(bytes, 'test'));
}

/** asn1js writes arcs above 2^53 in its own notation (`{…}`): those are compared by their contents octets only. */
const bigArcs = (oid: string): string =>
  oid.includes('{') || oid.split('.').some((arc) => BigInt(arc) > BigInt(Number.MAX_SAFE_INTEGER))
    ? 'arc above 2^53'
    : oid;

const CLASS_BITS: Readonly<Record<number, number>> = { 1: 0x00, 2: 0x40, 3: 0x80, 4: 0xc0 };

/** The same reading by asn1js, or null when asn1js refuses the bytes. */
function theirs(bytes: Uint8Array): Tree | null {
  let parsed: ReturnType<typeof asn1js.fromBER>;
  try {
    parsed = asn1js.fromBER(bytes.slice());
  } catch {
    return null; // asn1js throws on some malformed typed values (e.g. GeneralizedTime)
  }
  if (parsed.offset !== bytes.length || parsed.result.error) return null;
  let broken = false;
  const walk = (node: asn1js.AsnType): Tree => {
    if (node.error) broken = true;
    const id = node.idBlock;
    const tag = CLASS_BITS[id.tagClass]! | (id.isConstructed ? 0x20 : 0) | id.tagNumber;
    const header = id.blockLength + node.lenBlock.blockLength;
    const tree: Tree = { tag, contents: toHex(node.valueBeforeDecodeView.subarray(header)) };
    if (id.isConstructed)
      return { ...tree, kids: (node.valueBlock as unknown as { value: asn1js.AsnType[] }).value.map(walk) };
    if (tag === TAG.INTEGER && node instanceof asn1js.Integer) return { ...tree, value: node.toBigInt().toString() };
    if (tag === TAG.OID && node instanceof asn1js.ObjectIdentifier) return { ...tree, value: bigArcs(node.getValue()) };
    if (tag === TAG.NULL && node instanceof asn1js.Null) return { ...tree, value: 'null' };
    if (tag === TAG.BIT_STRING && node instanceof asn1js.BitString)
      return { ...tree, value: String(node.valueBlock.unusedBits) };
    return tree;
  };
  const tree = walk(parsed.result);
  return broken ? null : tree;
}

const READ_TAGS: readonly number[] = [
  TAG.INTEGER,
  TAG.BIT_STRING,
  TAG.OCTET_STRING,
  TAG.NULL,
  TAG.OID,
  TAG.SEQUENCE,
  TAG.SET,
];
/** True when the reader interprets every value of `tree` (other universal types are opaque contents to it). */
const interpretsAll = (tree: Tree): boolean =>
  (READ_TAGS.includes(tree.tag) || (tree.tag & 0xc0) === 0x80) && (tree.kids ?? []).every(interpretsAll);

/** `fn()`'s result, or the error when it is an ERR_KEY_IMPORT; any other error fails the property. */
function onlyImportErrors<T>(fn: () => T): T | OssCseError {
  try {
    return fn();
  } catch (e) {
    if (e instanceof OssCseError && e.code === 'ERR_KEY_IMPORT') return e;
    throw new Error(`not an ERR_KEY_IMPORT: ${String(e)}`, { cause: e });
  }
}

/** Random DER trees of the types keys use, plus context-specific tags, encoded by asn1js. */
const leaf: fc.Arbitrary<asn1js.AsnType> = fc.oneof(
  fc.bigInt({ min: -(1n << 200n), max: 1n << 600n }).map((v) => asn1js.Integer.fromBigInt(v)),
  fc.uint8Array({ maxLength: 300 }).map((b) => new asn1js.OctetString({ valueHex: b.slice().buffer })),
  fc.uint8Array({ maxLength: 40 }).map((b) => new asn1js.BitString({ valueHex: b.slice().buffer })),
  fc.constant(null).map(() => new asn1js.Null()),
  fc
    .tuple(
      fc.integer({ min: 0, max: 2 }),
      fc.integer({ min: 0, max: 39 }),
      fc.array(fc.bigInt({ min: 0n, max: BigInt(Number.MAX_SAFE_INTEGER) }), { maxLength: 8 }),
    )
    .map(([a, b, rest]) => new asn1js.ObjectIdentifier({ value: [a, a === 2 ? b + 1000 : b, ...rest].join('.') })),
  fc
    .tuple(fc.integer({ min: 0, max: 30 }), fc.uint8Array({ maxLength: 20 }))
    .map(([n, b]) => new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber: n }, valueHex: b.slice().buffer })),
);
const { tree: derTree } = fc.letrec<{ tree: asn1js.AsnType }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.array(tie('tree'), { maxLength: 5 }).map((value) => new asn1js.Sequence({ value })),
    fc.array(tie('tree'), { maxLength: 5 }).map((value) => new asn1js.Set({ value, isIndefiniteForm: false })),
    fc
      .tuple(fc.integer({ min: 0, max: 30 }), fc.array(tie('tree'), { maxLength: 3 }))
      .map(([n, value]) => new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: n }, value })),
  ),
}));
const encode = (node: asn1js.AsnType): Uint8Array => new Uint8Array(node.toBER(false));

const keyDers = [
  fixtures.certificate_rsa2048_pem,
  fixtures.foreign.ec_pkcs8_pem,
  fixtures.foreign.ec_spki_pem,
  fixtures.foreign.ed25519_pkcs8_pem,
  fixtures.encrypted_pkcs8[0]!.pem,
].map((pem) => decodePem(pem)[0]!.der);

/** Real DER with a few bytes changed, cut short, or extended. */
const mutationsOf = (ders: readonly Uint8Array[]) =>
  fc
    .tuple(
      fc.constantFrom(...ders),
      fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 }),
      fc.nat(),
      fc.integer({ min: 0, max: 3 }),
    )
    .map(([der, edits, cut, mode]) => {
      const out = der.slice();
      if (mode === 0) return out.subarray(0, cut % out.length);
      if (mode === 1) return new Uint8Array([...out, ...edits.map(([, b]) => b)]);
      for (const [at, b] of edits) out[at % out.length] = b;
      return out;
    });
const mutated = mutationsOf(keyDers);
/** Small DER-looking inputs: a SEQUENCE or INTEGER header and random contents, often nearly valid. */
const nearDer = fc
  .tuple(fc.constantFrom(0x30, 0x02, 0x03, 0x04, 0x05, 0x06, 0x31, 0xa0, 0x24, 0x10), fc.uint8Array({ maxLength: 64 }))
  .map(([tag, body]) => new Uint8Array([tag, body.length, ...body]));
const anyInput = fc.oneof(fc.uint8Array({ maxLength: 200 }), mutated, nearDer, derTree.map(encode));

/** The RSA key of the fixtures in every DER form: PKCS#1 private and public, PKCS#8, SPKI. */
let rsaDers: Uint8Array[];
beforeAll(async () => {
  const key = (await importRsaKey(fixtures.jwk.rsa1024_private)) as RsaPrivateKeyComponents;
  const pems = [
    await exportPrivateKeyPem(key),
    await exportPrivateKeyPem(key, { format: 'pkcs1' }),
    exportPublicKeyPem(key),
    exportPublicKeyPem(key, { format: 'pkcs1' }),
  ];
  rsaDers = pems.map((pem) => decodePem(pem)[0]!.der);
});

describe('DER reader', () => {
  it('agrees with asn1js on every valid DER tree (encoded by asn1js)', () => {
    fc.assert(
      fc.property(derTree, (node) => {
        const bytes = encode(node);
        expect(ours(bytes)).toEqual(theirs(bytes));
      }),
      { numRuns: 500 },
    );
  });

  it('never throws anything but ERR_KEY_IMPORT; what it accepts asn1js reads the same way', () => {
    let compared = 0;
    fc.assert(
      fc.property(anyInput, (bytes) => {
        const tree = onlyImportErrors(() => ours(bytes));
        if (tree instanceof OssCseError) return;
        const other = theirs(bytes);
        // Values of types the reader interprets must be accepted by asn1js too; others agree whenever both accept.
        if (interpretsAll(tree) || other !== null) {
          expect(other).toEqual(tree);
          compared++;
        }
      }),
      { numRuns: 2000 },
    );
    expect(compared).toBeGreaterThan(200);
  });

  it('importRsaKey on mutated DER keys resolves or fails with ERR_KEY_IMPORT only', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(mutationsOf([...rsaDers, ...keyDers]), nearDer), async (bytes) => {
        try {
          await importRsaKey(bytes);
        } catch (e) {
          expect(e).toBeInstanceOf(OssCseError);
          expect((e as OssCseError).code).toBe('ERR_KEY_IMPORT');
        }
      }),
      { numRuns: 300 },
    );
  });

  it('refuses what BER allows but DER does not', () => {
    const cases: Array<[string, string]> = [
      ['indefinite length', '3080020101 0000'],
      ['non-minimal length (long form for 1)', '308101 00'],
      ['non-minimal length (leading zero)', '30820001 00'],
      ['non-minimal INTEGER (leading 00)', '0202007f'],
      ['non-minimal INTEGER (leading ff)', '0202ff80'],
      ['empty INTEGER', '0200'],
      ['constructed OCTET STRING', '2403040100'],
      ['primitive SEQUENCE', '1000'],
      ['high tag number', '1f2200'],
      ['BIT STRING with 8 unused bits', '03020800'],
      ['BIT STRING with unused bits set', '03020701'],
      ['NULL with contents', '050100'],
      ['OID with a non-minimal arc', '0603808001'],
      ['OID ending mid-arc', '060181'],
      ['truncated', '300502010102'],
      ['trailing bytes', '3003020101 00'],
      ['length beyond 16 MiB', '3084010000000000'],
    ];
    for (const [name, hex] of cases) {
      const bytes = fromHex(hex.replace(/\s/g, ''));
      const result = onlyImportErrors(() => ours(bytes));
      expect(result, name).toBeInstanceOf(OssCseError);
    }
  });

  it('the writer encodes what the reader and asn1js read back', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 1n << 4100n }), (n) => {
        expect(derInteger(n)).toEqual(encode(asn1js.Integer.fromBigInt(n)));
        expect(readInteger(readDer(derInteger(n), 'test'), 'test')).toBe(n);
      }),
    );
    const oid = '1.2.840.113549.1.5.13';
    expect(readOid(readDer(derOid(oid), 'test'), 'test')).toBe(oid);
    expect(derOid(oid)).toEqual(encode(new asn1js.ObjectIdentifier({ value: oid })));
    // A UUID OID (X.667): a 128-bit arc.
    const uuid = '2.25.329800735698586629295641978511506172918';
    expect(readOid(readDer(derOid(uuid), 'test'), 'test')).toBe(uuid);
    expect(toHex(derOid(uuid))).toBe('06146983f09da7ebcfdee0c7a1a7b2c0948cc8f9d776'); // as `openssl asn1parse -genstr OID:…` writes it
    const bytes = Uint8Array.of(1, 2, 3);
    const written = derSequence([derNull(), derOctetString(bytes), derBitString(bytes), derTlv(0xa0, derNull())]);
    expect(ours(written)).toEqual(theirs(written));
  });
});
