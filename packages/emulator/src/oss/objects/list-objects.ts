import { OssErrors } from '../../errors/catalog.js';
import { isoDate } from '../../shared/time-format.js';
import type { ObjectRecord } from '../../storage/records.js';
import { xmlDocument, type XmlNode } from '../../xml/write.js';
import { quoteEtag, XML_HEADERS, type OssContext, type OssHandler, type OssRequest } from '../types.js';
import { requireBucket } from './require.js';

interface ListPage {
  contents: ObjectRecord[];
  prefixes: string[];
  truncated: boolean;
  /** Last key or common prefix returned (the next marker). */
  last: string | undefined;
}

/** Keys after `after`, under `prefix`, rolled up at `delimiter`, at most `maxKeys` entries (contents + prefixes). */
function listPage(
  objects: readonly ObjectRecord[],
  prefix: string,
  delimiter: string,
  after: string,
  maxKeys: number,
): ListPage {
  const page: ListPage = { contents: [], prefixes: [], truncated: false, last: undefined };
  const afterBuf = Buffer.from(after);
  for (const obj of objects) {
    if (!obj.key.startsWith(prefix) || Buffer.compare(Buffer.from(obj.key), afterBuf) <= 0) continue;
    let common: string | undefined;
    if (delimiter !== '') {
      const idx = obj.key.indexOf(delimiter, prefix.length);
      if (idx >= 0) common = obj.key.slice(0, idx + delimiter.length);
    }
    if (common !== undefined && (page.prefixes.at(-1) === common || Buffer.compare(Buffer.from(common), afterBuf) <= 0))
      continue;
    if (page.contents.length + page.prefixes.length >= maxKeys) {
      page.truncated = true;
      break;
    }
    if (common !== undefined) {
      page.prefixes.push(common);
      page.last = common;
    } else {
      page.contents.push(obj);
      page.last = obj.key;
    }
  }
  return page;
}

function parseMaxKeys(value: string | undefined): number {
  if (value === undefined) return 100;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > 1000)
    throw OssErrors.invalidArgument('max-keys must be an integer between 1 and 1000.');
  return n;
}

function commonParts(req: OssRequest, ctx: OssContext) {
  requireBucket(req, ctx);
  const urlEncode = req.query.get('encoding-type') === 'url';
  const enc = (s: string): string => (urlEncode ? encodeURIComponent(s) : s);
  const owner: XmlNode = [
    'Owner',
    [
      ['ID', ctx.ownerId],
      ['DisplayName', ctx.ownerId],
    ],
  ];
  const contents = (page: ListPage, withOwner: boolean): XmlNode[] =>
    page.contents.map((o) => [
      'Contents',
      [
        ['Key', enc(o.key)],
        ['LastModified', isoDate(o.lastModified)],
        ['ETag', quoteEtag(o.etag)],
        ['Type', o.objectType],
        ['Size', o.size],
        ['StorageClass', o.storageClass],
        withOwner ? owner : null,
      ],
    ]);
  const prefixes = (page: ListPage): XmlNode[] => page.prefixes.map((p) => ['CommonPrefixes', [['Prefix', enc(p)]]]);
  return {
    urlEncode,
    enc,
    contents,
    prefixes,
    prefix: req.query.get('prefix') ?? '',
    delimiter: req.query.get('delimiter') ?? '',
    maxKeys: parseMaxKeys(req.query.get('max-keys')),
    objects: ctx.catalog.listObjects(req.bucket as string),
  };
}

/** ListObjects (V1). */
export const listObjectsV1: OssHandler = async (req, ctx) => {
  const c = commonParts(req, ctx);
  const marker = req.query.get('marker') ?? '';
  const page = listPage(c.objects, c.prefix, c.delimiter, marker, c.maxKeys);
  const body = xmlDocument('ListBucketResult', [
    ['Name', req.bucket as string],
    ['Prefix', c.enc(c.prefix)],
    ['Marker', c.enc(marker)],
    ['MaxKeys', c.maxKeys],
    ['Delimiter', c.enc(c.delimiter)],
    c.urlEncode ? ['EncodingType', 'url'] : null,
    ['IsTruncated', page.truncated],
    page.truncated && page.last !== undefined ? ['NextMarker', c.enc(page.last)] : null,
    ...c.contents(page, true),
    ...c.prefixes(page),
  ]);
  return { status: 200, headers: { ...XML_HEADERS }, body };
};

/** ListObjectsV2 (`list-type=2`); the continuation token is the base64 of the last returned name. */
export const listObjectsV2: OssHandler = async (req, ctx) => {
  const c = commonParts(req, ctx);
  const token = req.query.get('continuation-token');
  const startAfter = req.query.get('start-after') ?? '';
  const after = token !== undefined ? Buffer.from(token, 'base64url').toString('utf8') : startAfter;
  const page = listPage(c.objects, c.prefix, c.delimiter, after, c.maxKeys);
  const body = xmlDocument('ListBucketResult', [
    ['Name', req.bucket as string],
    ['Prefix', c.enc(c.prefix)],
    startAfter !== '' ? ['StartAfter', c.enc(startAfter)] : null,
    token !== undefined ? ['ContinuationToken', token] : null,
    ['MaxKeys', c.maxKeys],
    ['Delimiter', c.enc(c.delimiter)],
    c.urlEncode ? ['EncodingType', 'url'] : null,
    ['IsTruncated', page.truncated],
    page.truncated && page.last !== undefined
      ? ['NextContinuationToken', Buffer.from(page.last).toString('base64url')]
      : null,
    ['KeyCount', page.contents.length + page.prefixes.length],
    ...c.contents(page, req.query.get('fetch-owner') === 'true'),
    ...c.prefixes(page),
  ]);
  return { status: 200, headers: { ...XML_HEADERS }, body };
};
