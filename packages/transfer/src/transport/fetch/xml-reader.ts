// A small XML reader for the few documents OSS answers with (list results, multipart results, errors): elements,
// text, CDATA, the five named entities and character references. No DTDs (so no entity expansion), no namespaces;
// attributes are skipped. Anything else is refused with MalformedResponseError, never guessed at.

/** One element: its name, its child elements and its decoded text (the text directly inside it, joined). */
export interface XmlElement {
  readonly name: string;
  readonly children: readonly XmlElement[];
  readonly text: string;
}

/** A response body that is not the XML document expected. */
export class MalformedResponseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MalformedResponseError';
  }
}

const NAMED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const NAME = /[A-Za-z_:][\w.:-]*/y;
const MAX_DEPTH = 32;

/**
 * Decodes `&lt;` `&gt;` `&amp;` `&quot;` `&apos;` and `&#NN;` / `&#xHH;`.
 *
 * @throws MalformedResponseError for any other `&` sequence or an invalid code point.
 * @example
 * ```ts
 * decodeEntities('a&amp;b&#x20;&lt;'); // 'a&b <'
 * ```
 */
export function decodeEntities(text: string): string {
  return text.replace(/&([^;&]{0,12});?/g, (whole, ref: string) => {
    if (!whole.endsWith(';')) throw new MalformedResponseError('malformed XML: a bare "&"');
    const named = NAMED[ref];
    if (named !== undefined) return named;
    const numeric = /^#(?:x([0-9a-fA-F]{1,6})|([0-9]{1,7}))$/.exec(ref);
    const cp = numeric ? parseInt(numeric[1] ?? numeric[2]!, numeric[1] !== undefined ? 16 : 10) : NaN;
    if (!(cp > 0 && cp <= 0x10ffff) || (cp >= 0xd800 && cp <= 0xdfff))
      throw new MalformedResponseError(`malformed XML: unknown entity "&${ref.slice(0, 12)};"`);
    return String.fromCodePoint(cp);
  });
}

/**
 * Parses a document and returns its root element.
 *
 * @throws MalformedResponseError when the text is not a well-formed document of the supported subset.
 * @example
 * ```ts
 * parseXml('<?xml version="1.0"?><A><B>x &amp; y</B></A>').children[0]!.text; // 'x & y'
 * ```
 */
export function parseXml(source: string): XmlElement {
  let i = 0;
  const fail = (what: string): never => {
    throw new MalformedResponseError(`malformed XML: ${what} at offset ${i}`);
  };
  const skipUntil = (end: string) => {
    const at = source.indexOf(end, i);
    if (at < 0) fail(`unterminated "${end}"`);
    i = at + end.length;
  };
  const name = (): string => {
    NAME.lastIndex = i;
    const m = NAME.exec(source);
    if (!m) return fail('expected a name');
    i += m[0].length;
    return m[0];
  };
  /** Skips whitespace, comments and processing instructions between elements. */
  const skipMisc = () => {
    for (;;) {
      while (i < source.length && /\s/.test(source[i]!)) i++;
      if (source.startsWith('<?', i)) skipUntil('?>');
      else if (source.startsWith('<!--', i)) skipUntil('-->');
      else if (source.startsWith('<!', i)) fail('DTDs are not supported');
      else return;
    }
  };
  const element = (depth: number): XmlElement => {
    if (depth > MAX_DEPTH) fail('nested too deeply');
    i++; // '<'
    const tag = name();
    // Attributes: skipped, quotes honoured.
    for (;;) {
      const c = source[i];
      if (c === undefined) fail('unterminated start tag');
      if (c === '"' || c === "'") {
        const end = source.indexOf(c, i + 1);
        if (end < 0) fail('unterminated attribute value');
        i = end + 1;
      } else if (c === '/' && source[i + 1] === '>') {
        i += 2;
        return { name: tag, children: [], text: '' };
      } else if (c === '>') {
        i++;
        break;
      } else {
        i++;
      }
    }
    const children: XmlElement[] = [];
    let text = '';
    for (;;) {
      if (i >= source.length) fail(`unterminated <${tag}>`);
      if (source.startsWith('</', i)) {
        i += 2;
        if (name() !== tag) fail(`mismatched end tag of <${tag}>`);
        while (/\s/.test(source[i] ?? '')) i++;
        if (source[i] !== '>') fail('malformed end tag');
        i++;
        return { name: tag, children, text };
      }
      if (source.startsWith('<![CDATA[', i)) {
        const end = source.indexOf(']]>', i);
        if (end < 0) fail('unterminated CDATA');
        text += source.slice(i + 9, end);
        i = end + 3;
      } else if (source.startsWith('<!--', i)) {
        skipUntil('-->');
      } else if (source.startsWith('<?', i)) {
        skipUntil('?>');
      } else if (source[i] === '<') {
        children.push(element(depth + 1));
      } else {
        const end = source.indexOf('<', i);
        text += decodeEntities(source.slice(i, end < 0 ? source.length : end));
        i = end < 0 ? source.length : end;
      }
    }
  };
  skipMisc();
  if (source[i] !== '<') fail('expected the root element');
  const root = element(0);
  skipMisc();
  if (i !== source.length) fail('content after the root element');
  return root;
}

/**
 * The first child element named `name`.
 *
 * @example
 * ```ts
 * child(root, 'UploadId')?.text;
 * ```
 */
export function child(element: XmlElement, name: string): XmlElement | undefined {
  return element.children.find((c) => c.name === name);
}

/**
 * Every child element named `name`, in document order.
 *
 * @example
 * ```ts
 * childrenNamed(root, 'Contents').map((c) => child(c, 'Key')?.text);
 * ```
 */
export function childrenNamed(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((c) => c.name === name);
}
