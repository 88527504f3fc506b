import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isOssError } from '../errors/oss-error.js';
import { childText, childrenNamed, MAX_XML_DEPTH, parseXml } from './parse.js';
import { xmlDocument } from './write.js';

describe('xml', () => {
  it('parses the CompleteMultipartUpload body ali-oss sends', () => {
    const body =
      '<?xml version="1.0" encoding="UTF-8"?>\n<CompleteMultipartUpload>\n<Part>\n<PartNumber>1</PartNumber>\n<ETag>"ABC"</ETag>\n</Part>\n<Part><PartNumber>2</PartNumber><ETag>&quot;D&amp;E&quot;</ETag></Part>\n</CompleteMultipartUpload>';
    const root = parseXml(body);
    expect(root.name).toBe('CompleteMultipartUpload');
    const parts = childrenNamed(root, 'Part');
    expect(parts.map((p) => [childText(p, 'PartNumber'), childText(p, 'ETag')])).toEqual([
      ['1', '"ABC"'],
      ['2', '"D&E"'],
    ]);
  });

  it('rejects malformed documents with MalformedXML', () => {
    for (const bad of ['', '<a>', '<a></b>', '<a/>junk', 'text']) {
      let caught: unknown;
      try {
        parseXml(bad);
      } catch (err) {
        caught = err;
      }
      expect(isOssError(caught) && caught.code === 'MalformedXML').toBe(true);
    }
  });

  const failureOf = (source: string): string => {
    try {
      parseXml(source);
      return 'parsed';
    } catch (err) {
      return isOssError(err) ? err.code : `unexpected ${String(err)}`;
    }
  };

  it('refuses character references outside the XML character range', () => {
    for (const ref of [
      '&#x110000;',
      '&#0;',
      '&#x0;',
      '&#xD800;',
      '&#xDFFF;',
      '&#xFFFE;',
      '&#1;',
      '&#99999999999999999999;',
      '&#x;',
      '&#;',
    ]) {
      expect([ref, failureOf(`<a>${ref}</a>`)]).toEqual([ref, 'MalformedXML']);
    }
    expect(childText(parseXml('<r><a>&#x10FFFF;&#9;&#xE000;&#65;</a></r>'), 'a')).toBe('\u{10FFFF}\t\uE000A');
  });

  it('keeps CDATA literally (no reference decoding inside it)', () => {
    expect(childText(parseXml('<r><a>x&amp;<![CDATA[a & b &amp; <c>]]>y</a></r>'), 'a')).toBe('x&a & b &amp; <c>y');
  });

  it('refuses entity declarations, undeclared entities and a bare ampersand', () => {
    for (const bad of [
      '<!DOCTYPE r [<!ENTITY a "x">]><r>&a;</r>',
      '<r>&a;</r>',
      '<r>a & b</r>',
      '<r>&amp</r>',
      '<r>&#x41</r>',
    ]) {
      expect([bad, failureOf(bad)]).toEqual([bad, 'MalformedXML']);
    }
  });

  it('refuses documents nested deeper than the limit without exhausting the stack', () => {
    const nested = (depth: number): string => `${'<a>'.repeat(depth)}${'</a>'.repeat(depth)}`;
    expect(failureOf(nested(MAX_XML_DEPTH))).toBe('parsed');
    expect(failureOf(nested(MAX_XML_DEPTH + 1))).toBe('MalformedXML');
    expect(failureOf(nested(100_000))).toBe('MalformedXML');
  });

  it('never throws anything but MalformedXML (fuzzed)', () => {
    const codePoint = fc.oneof(
      fc.integer({ min: 0, max: 0x10ffff + 10 }),
      fc.constantFrom(0, 0xd800, 0xdfff, 0xfffe, 0x110000, 2 ** 32, 2 ** 53),
    );
    const piece = fc.oneof(
      fc.constantFrom(
        '<a>',
        '</a>',
        '<b/>',
        '<Part>',
        '</Part>',
        '<!--',
        '-->',
        '<![CDATA[',
        ']]>',
        '<?xml version="1.0"?>',
        '<!DOCTYPE',
        '&',
        ';',
        '&amp;',
        '&lt;',
        '&#',
        '&#x',
        'D800',
        '110000',
        '0',
        '<',
        '>',
        '/',
        ' ',
        '"',
      ),
      fc.string({ maxLength: 6 }),
      codePoint.map((n) => `&#${n};`),
      codePoint.map((n) => `&#x${n.toString(16)};`),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        const text = pieces.join('');
        return [text, `<r>${text}</r>`, `<r><a>${text}</a></r>`].every((doc) =>
          ['parsed', 'MalformedXML'].includes(failureOf(doc)),
        );
      }),
      { numRuns: 3000 },
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const result = failureOf(`<r>${text}</r>`);
        return result === 'parsed' || result === 'MalformedXML';
      }),
      { numRuns: 2000 },
    );
  });

  it('writes escaped documents that parse back', () => {
    const doc = xmlDocument('R', [['A', 'x<y&"z"'], null, ['B', [['C', 3]]]]);
    expect(doc.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<R>')).toBe(true);
    const root = parseXml(doc);
    expect(childText(root, 'A')).toBe('x<y&"z"');
    expect(childText(childrenNamed(root, 'B')[0]!, 'C')).toBe('3');
  });
});
