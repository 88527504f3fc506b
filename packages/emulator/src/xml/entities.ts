import { OssErrors } from '../errors/catalog.js';

const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** XML 1.0 `Char`: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]. */
export function isXmlChar(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  );
}

/**
 * Decodes the references of character data: the five predefined entities and decimal or hex character
 * references naming an XML `Char`. Anything else after `&` (a declared or unknown entity, a reference without
 * `;`, a code point outside the XML range) is MalformedXML: documents cannot declare entities here.
 */
export function decodeReferences(text: string): string {
  if (!text.includes('&')) return text;
  let out = '';
  let pos = 0;
  for (let amp = text.indexOf('&'); amp >= 0; amp = text.indexOf('&', pos)) {
    out += text.slice(pos, amp);
    const semi = text.indexOf(';', amp);
    const ref = semi < 0 ? undefined : text.slice(amp + 1, semi);
    out += decodeReference(ref);
    pos = (semi as number) + 1;
  }
  return out + text.slice(pos);
}

function decodeReference(ref: string | undefined): string {
  if (ref === undefined) throw OssErrors.malformedXml();
  if (Object.hasOwn(NAMED, ref)) return NAMED[ref] as string;
  const digits = /^#([0-9]{1,7})$/.exec(ref)?.[1];
  const hex = /^#x([0-9a-fA-F]{1,6})$/.exec(ref)?.[1];
  const code = digits !== undefined ? Number(digits) : hex !== undefined ? parseInt(hex, 16) : -1;
  if (!isXmlChar(code)) throw OssErrors.malformedXml();
  return String.fromCodePoint(code);
}
