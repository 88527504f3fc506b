import { OssErrors } from '../errors/catalog.js';

// Minimal XML reader for the request documents OSS accepts (CompleteMultipartUpload, CORSConfiguration,
// CreateBucketConfiguration, Delete): elements and text only. Anything else is MalformedXML.

export interface XmlElement {
  name: string;
  text: string;
  children: XmlElement[];
}

function decodeEntities(text: string): string {
  return text.replace(/&(lt|gt|amp|quot|apos|#x[0-9a-fA-F]+|#[0-9]+);/g, (_, ent: string) => {
    switch (ent) {
      case 'lt': return '<';
      case 'gt': return '>';
      case 'amp': return '&';
      case 'quot': return '"';
      case 'apos': return "'";
      default:
        return String.fromCodePoint(ent.startsWith('#x') ? parseInt(ent.slice(2), 16) : parseInt(ent.slice(1), 10));
    }
  });
}

export function parseXml(source: string): XmlElement {
  let pos = 0;
  const fail = (): never => {
    throw OssErrors.malformedXml();
  };
  const skipMisc = (): void => {
    for (;;) {
      while (pos < source.length && /\s/.test(source[pos] as string)) pos++;
      if (source.startsWith('<?', pos)) {
        const end = source.indexOf('?>', pos);
        if (end < 0) fail();
        pos = end + 2;
      } else if (source.startsWith('<!--', pos)) {
        const end = source.indexOf('-->', pos);
        if (end < 0) fail();
        pos = end + 3;
      } else return;
    }
  };
  const parseElement = (): XmlElement => {
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
      text += source.slice(pos, lt);
      pos = lt;
      if (source.startsWith('</', pos)) {
        const close = /^<\/([A-Za-z_][\w.-]*)\s*>/.exec(source.slice(pos, pos + 200));
        if (!close || close[1] !== name) fail();
        pos += (close as RegExpExecArray)[0].length;
        element.text = decodeEntities(text).trim();
        return element;
      }
      if (source.startsWith('<!--', pos)) {
        const end = source.indexOf('-->', pos);
        if (end < 0) fail();
        pos = end + 3;
        continue;
      }
      if (source.startsWith('<![CDATA[', pos)) {
        const end = source.indexOf(']]>', pos);
        if (end < 0) fail();
        text += source.slice(pos + 9, end);
        pos = end + 3;
        continue;
      }
      element.children.push(parseElement());
    }
  };
  skipMisc();
  const root = parseElement();
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
