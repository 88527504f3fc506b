// The OSS XML documents the fetch transport reads and writes: list results (objects, parts, uploads), the
// multipart results, the CompleteMultipartUpload request and the <Error> answer. docs/oss-api.md §2, §5.
import type { ListPage, MultipartUploadSummary, PartReference, UploadedPart } from '../object-transport.js';
import { child, childrenNamed, MalformedResponseError, parseXml, type XmlElement } from './xml-reader.js';

function root(xml: string, name: string): XmlElement {
  const doc = parseXml(xml);
  if (doc.name !== name) throw new MalformedResponseError(`expected <${name}>, got <${doc.name}>`);
  return doc;
}

function text(element: XmlElement, name: string): string {
  const found = child(element, name);
  if (found === undefined) throw new MalformedResponseError(`<${element.name}> has no <${name}>`);
  return found.text;
}

function count(element: XmlElement, name: string): number {
  const value = text(element, name);
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n)) throw new MalformedResponseError(`<${name}> is not a count`);
  return n;
}

function truncated(element: XmlElement): boolean {
  const value = text(element, 'IsTruncated');
  if (value !== 'true' && value !== 'false')
    throw new MalformedResponseError('<IsTruncated> is neither true nor false');
  return value === 'true';
}

/** `encoding-type=url` answers hold URL-encoded names (`+` for a space, as Go's QueryUnescape reads them). */
function decoder(element: XmlElement): (value: string) => string {
  if (child(element, 'EncodingType')?.text !== 'url') return (value) => value;
  return (value) => {
    try {
      return decodeURIComponent(value.replace(/\+/g, ' '));
    } catch {
      throw new MalformedResponseError('a URL-encoded name does not decode');
    }
  };
}

/**
 * A ListObjectsV2 page (`<ListBucketResult>`).
 *
 * @throws MalformedResponseError when the document is not one.
 * @example
 * ```ts
 * const page = parseListObjects(await res.text());
 * ```
 */
export function parseListObjects(xml: string): ListPage {
  const doc = root(xml, 'ListBucketResult');
  const decode = decoder(doc);
  const objects = childrenNamed(doc, 'Contents').map((c) => ({
    key: decode(text(c, 'Key')),
    size: count(c, 'Size'),
    etag: text(c, 'ETag'),
    lastModified: text(c, 'LastModified'),
  }));
  const prefixes = childrenNamed(doc, 'CommonPrefixes').map((p) => decode(text(p, 'Prefix')));
  const more = truncated(doc);
  const next = child(doc, 'NextContinuationToken')?.text;
  if (more && !next) throw new MalformedResponseError('a truncated listing without <NextContinuationToken>');
  return { objects, prefixes, nextToken: more ? next : undefined };
}

/**
 * One ListParts page: the parts and the marker of the next page (undefined on the last one).
 *
 * @example
 * ```ts
 * const { parts, nextMarker } = parseListParts(await res.text());
 * ```
 */
export function parseListParts(xml: string): { parts: UploadedPart[]; nextMarker: string | undefined } {
  const doc = root(xml, 'ListPartsResult');
  const parts = childrenNamed(doc, 'Part').map((p) => ({
    partNumber: count(p, 'PartNumber'),
    etag: text(p, 'ETag'),
    size: count(p, 'Size'),
  }));
  return { parts, nextMarker: truncated(doc) ? String(count(doc, 'NextPartNumberMarker')) : undefined };
}

/**
 * One ListMultipartUploads page: the uploads and the markers of the next page (undefined on the last one).
 *
 * @example
 * ```ts
 * const { uploads, next } = parseListUploads(await res.text());
 * ```
 */
export function parseListUploads(xml: string): {
  uploads: MultipartUploadSummary[];
  next: { keyMarker: string; uploadIdMarker: string } | undefined;
} {
  const doc = root(xml, 'ListMultipartUploadsResult');
  const decode = decoder(doc);
  const uploads = childrenNamed(doc, 'Upload').map((u) => ({
    key: decode(text(u, 'Key')),
    uploadId: text(u, 'UploadId'),
    initiated: text(u, 'Initiated'),
  }));
  if (!truncated(doc)) return { uploads, next: undefined };
  return {
    uploads,
    next: { keyMarker: decode(text(doc, 'NextKeyMarker')), uploadIdMarker: text(doc, 'NextUploadIdMarker') },
  };
}

/**
 * The upload id of an `<InitiateMultipartUploadResult>`.
 *
 * @example
 * ```ts
 * const uploadId = parseInitiateResult(await res.text());
 * ```
 */
export function parseInitiateResult(xml: string): string {
  const uploadId = text(root(xml, 'InitiateMultipartUploadResult'), 'UploadId');
  if (uploadId === '') throw new MalformedResponseError('an empty <UploadId>');
  return uploadId;
}

/**
 * The ETag of a `<CompleteMultipartUploadResult>` (readable in browsers even when the bucket hides the header).
 *
 * @example
 * ```ts
 * const etag = parseCompleteResult(await res.text());
 * ```
 */
export function parseCompleteResult(xml: string): string {
  return text(root(xml, 'CompleteMultipartUploadResult'), 'ETag');
}

/**
 * Code, Message and RequestId of an `<Error>` document, or undefined when the text is not one.
 *
 * @example
 * ```ts
 * parseErrorDocument('<Error><Code>NoSuchKey</Code></Error>')?.code; // 'NoSuchKey'
 * ```
 */
export function parseErrorDocument(
  xml: string,
): { code: string | undefined; message: string | undefined; requestId: string | undefined } | undefined {
  let doc: XmlElement;
  try {
    doc = parseXml(xml);
  } catch {
    return undefined;
  }
  if (doc.name !== 'Error') return undefined;
  return {
    code: child(doc, 'Code')?.text,
    message: child(doc, 'Message')?.text,
    requestId: child(doc, 'RequestId')?.text,
  };
}

const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * The CompleteMultipartUpload body, parts in ascending order, exactly as ali-oss 6.23.0 writes it.
 *
 * @throws RangeError when a part number repeats (OSS would refuse or silently pick one).
 * @example
 * ```ts
 * completeMultipartBody([{ partNumber: 1, etag: '"ABC"' }]);
 * ```
 */
export function completeMultipartBody(parts: readonly PartReference[]): string {
  const sorted = [...parts].sort((a, b) => a.partNumber - b.partNumber);
  sorted.forEach((p, i) => {
    /* Precondition: each part is named once. */
    if (i > 0 && sorted[i - 1]!.partNumber === p.partNumber)
      throw new RangeError(`"parts" names part ${p.partNumber} twice`);
  });
  const xmlParts = sorted
    .map((p) => `<Part>\n<PartNumber>${p.partNumber}</PartNumber>\n<ETag>${escapeText(p.etag)}</ETag>\n</Part>\n`)
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<CompleteMultipartUpload>\n${xmlParts}</CompleteMultipartUpload>`;
}
