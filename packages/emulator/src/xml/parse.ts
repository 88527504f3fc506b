import { OssErrors } from '../errors/catalog.js';
import { decodeReferences } from './entities.js';

// Minimal XML reader for the request documents OSS accepts (CompleteMultipartUpload, CORSConfiguration,
// CreateBucketConfiguration, Delete): elements, text, CDATA and comments. Anything else (attributes, DOCTYPE and
// entity declarations, undeclared entities, characters outside the XML range, nesting deeper than
// MAX_XML_DEPTH) is MalformedXML.

export interface XmlElement {
  name: string;
  text: string;
  children: XmlElement[];
}

/** Deepest element nesting accepted (the documents above need 3). */
export const MAX_XML_DEPTH = 32;

/** Characters XML forbids even literally (C0 controls but TAB, LF, CR; U+FFFE, U+FFFF). */
// eslint-disable-next-line no-control-regex
const FORBIDDEN_CHARS = /[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]/;

export function parseXml(source: string): XmlElement {
  let pos = 0;
  const fail = (): never => {
    throw OssErrors.malformedXml();
  };
  if (FORBIDDEN_CHARS.test(source)) fail();
  /** Index just past `terminator`, searched from `from`. */
  const skipPast = (terminator: string, from: number): number => {
    const end = source.indexOf(terminator, from);
    return end < 0 ? fail() : end + terminator.length;
  };
  const skipMisc = (): void => {
    for (;;) {
      while (pos < source.length && /\s/.test(source[pos] as string)) pos++;
      if (source.startsWith('<?', pos)) pos = skipPast('?>', pos);
      else if (source.startsWith('<!--', pos)) pos = skipPast('-->', pos + 4);
      else return;
    }
  };
  const parseElement = (depth: number): XmlElement => {
    if (depth > MAX_XML_DEPTH) fail();
    const open = /^<([A-Za-z_][\w.-]*)\s*(\/?)>/.exec(source.slice(pos, pos + 200));
    if (!open) return fail();
    const name = open[1] as string;
    pos += open[0].length;
    const element: XmlElement = { name, text: '', children: [] };
    if (open[2] === '/') return element;
    let text = '';
    for (;;) {
      const lt = source.indexOf('<', pos);
      if (lt < 0) fail();
      text += decodeReferences(source.slice(pos, lt));
      pos = lt;
      if (source.startsWith('</', pos)) {
        const close = /^<\/([A-Za-z_][\w.-]*)\s*>/.exec(source.slice(pos, pos + 200));
        if (!close || close[1] !== name) fail();
        pos += (close as RegExpExecArray)[0].length;
        element.text = text.trim();
        return element;
      }
      if (source.startsWith('<!--', pos)) {
        pos = skipPast('-->', pos + 4);
        continue;
      }
      if (source.startsWith('<![CDATA[', pos)) {
        const end = skipPast(']]>', pos + 9);
        text += source.slice(pos + 9, end - 3);
        pos = end;
        continue;
      }
      element.children.push(parseElement(depth + 1));
    }
  };
  skipMisc();
  const root = parseElement(1);
  skipMisc();
  if (pos !== source.length) fail();
  return root;
}

export function childrenNamed(el: XmlElement, name: string): XmlElement[] {
  return el.children.filter((c) => c.name === name);
}

export function childText(el: XmlElement, name: string): string | undefined {
  return el.children.find((c) => c.name === name)?.text;
}
