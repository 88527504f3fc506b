// Minimal XML writer for OSS response documents (no namespaces, no attributes).

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';

export function escapeXml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] as string,
  );
}

/**
 * A child is an element `[name, content]`; content is text, a number, a boolean, or nested children. Nullish children
 * are skipped.
 */
export type XmlNode = readonly [string, XmlContent] | null | undefined | false;
export type XmlContent = string | number | boolean | readonly XmlNode[];

function render(node: XmlNode, indent: string): string {
  if (!node) return '';
  const [name, content] = node;
  if (Array.isArray(content)) {
    const inner = (content as readonly XmlNode[]).map((c) => render(c, `${indent}  `)).join('');
    return `${indent}<${name}>\n${inner}${indent}</${name}>\n`;
  }
  return `${indent}<${name}>${escapeXml(String(content))}</${name}>\n`;
}

/** A whole document: declaration + root element. */
export function xmlDocument(root: string, children: readonly XmlNode[]): string {
  return XML_DECLARATION + render([root, children], '');
}

/** A document whose root holds only text (`<LocationConstraint>oss-cn-hangzhou</LocationConstraint>`). */
export function xmlTextDocument(root: string, text: string): string {
  return XML_DECLARATION + render([root, text], '');
}
