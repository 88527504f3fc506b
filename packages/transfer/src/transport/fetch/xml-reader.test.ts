// The XML reader: the subset OSS answers with, decoded exactly; everything outside it refused (Node + Chromium).
import { describe, expect, it } from 'vitest';
import { child, childrenNamed, decodeEntities, MalformedResponseError, parseXml } from './xml-reader.js';

describe('parseXml', () => {
  it('reads an OSS document: declaration, nesting, whitespace between elements, empty elements', () => {
    const doc = parseXml(
      '<?xml version="1.0" encoding="UTF-8"?>\n<ListBucketResult>\n  <Name>b</Name>\n  <Prefix></Prefix>\n  <Delimiter/>\n  <Contents><Key>a</Key></Contents>\n  <Contents><Key>b</Key></Contents>\n</ListBucketResult>\n',
    );
    expect(doc.name).toBe('ListBucketResult');
    expect(child(doc, 'Name')?.text).toBe('b');
    expect(child(doc, 'Prefix')?.text).toBe('');
    expect(child(doc, 'Delimiter')?.text).toBe('');
    expect(childrenNamed(doc, 'Contents').map((c) => child(c, 'Key')?.text)).toEqual(['a', 'b']);
    expect(child(doc, 'Missing')).toBeUndefined();
  });

  it('keeps leading and trailing spaces of text (object keys may have them)', () => {
    expect(child(parseXml('<A><Key>  spaced key  </Key></A>'), 'Key')?.text).toBe('  spaced key  ');
  });

  it('decodes the five entities, decimal and hex character references, and CDATA as is', () => {
    const doc = parseXml(
      '<A><K>&lt;a&gt; &amp; &quot;b&quot; &apos;c&apos; &#20013;&#x6587; &#x1F600;</K><C><![CDATA[<raw> & ]]></C></A>',
    );
    expect(child(doc, 'K')?.text).toBe('<a> & "b" \'c\' 中文 😀');
    expect(child(doc, 'C')?.text).toBe('<raw> & ');
  });

  it('skips attributes (also with > inside quotes), comments and processing instructions', () => {
    const doc = parseXml(
      '<!-- c --><A xmlns="http://x" q=\'a>b\'><!-- inner --><?pi x?><B k="v">t</B></A><!-- after -->',
    );
    expect(child(doc, 'B')?.text).toBe('t');
  });

  it.each([
    ['a DTD (no entity expansion)', '<!DOCTYPE A [<!ENTITY x "y">]><A>&x;</A>'],
    ['an unknown entity', '<A>&nbsp;</A>'],
    ['a bare ampersand', '<A>a & b</A>'],
    ['a character reference to a surrogate', '<A>&#xD800;</A>'],
    ['a character reference past U+10FFFF', '<A>&#x110000;</A>'],
    ['a mismatched end tag', '<A><B></A></B>'],
    ['an unterminated element', '<A><B>x</B>'],
    ['content after the root', '<A/><B/>'],
    ['text before the root', 'x<A/>'],
    ['an empty document', ''],
    ['an unterminated comment', '<A><!-- x</A>'],
    ['an unterminated CDATA', '<A><![CDATA[x</A>'],
    ['nesting deeper than 32', `${'<A>'.repeat(40)}${'</A>'.repeat(40)}`],
  ])('refuses %s', (_, xml) => {
    expect(() => parseXml(xml)).toThrow(MalformedResponseError);
  });
});

describe('decodeEntities', () => {
  it('leaves text without references unchanged', () => {
    expect(decodeEntities('plain text > 1')).toBe('plain text > 1');
  });
});
