import { describe, expect, it } from 'vitest';
import { isOssError } from '../errors/oss-error.js';
import { childText, childrenNamed, parseXml } from './parse.js';
import { xmlDocument } from './write.js';

describe('xml', () => {
  it('parses the CompleteMultipartUpload body ali-oss sends', () => {
    const body = '<?xml version="1.0" encoding="UTF-8"?>\n<CompleteMultipartUpload>\n<Part>\n<PartNumber>1</PartNumber>\n<ETag>"ABC"</ETag>\n</Part>\n<Part><PartNumber>2</PartNumber><ETag>&quot;D&amp;E&quot;</ETag></Part>\n</CompleteMultipartUpload>';
    const root = parseXml(body);
    expect(root.name).toBe('CompleteMultipartUpload');
    const parts = childrenNamed(root, 'Part');
    expect(parts.map((p) => [childText(p, 'PartNumber'), childText(p, 'ETag')])).toEqual([['1', '"ABC"'], ['2', '"D&E"']]);
  });

  it('rejects malformed documents with MalformedXML', () => {
    for (const bad of ['', '<a>', '<a></b>', '<a/>junk', 'text']) {
      let caught: unknown;
      try { parseXml(bad); } catch (err) { caught = err; }
      expect(isOssError(caught) && caught.code === 'MalformedXML').toBe(true);
    }
  });

  it('writes escaped documents that parse back', () => {
    const doc = xmlDocument('R', [['A', 'x<y&"z"'], null, ['B', [['C', 3]]]]);
    expect(doc.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<R>')).toBe(true);
    const root = parseXml(doc);
    expect(childText(root, 'A')).toBe('x<y&"z"');
    expect(childText(childrenNamed(root, 'B')[0]!, 'C')).toBe('3');
  });
});
