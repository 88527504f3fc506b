import { OssErrors } from '../../errors/catalog.js';
import { isoDate } from '../../shared/time-format.js';
import { xmlDocument, type XmlNode } from '../../xml/write.js';
import { quoteEtag, XML_HEADERS, type OssHandler } from '../types.js';
import { requireUpload } from './require-upload.js';

function intParam(value: string | undefined, fallback: number, max: number, name: string): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > max) throw OssErrors.invalidArgument(`${name} is invalid.`);
  return n;
}

/** ListParts, with the ClientEncryption* elements for uploads initiated with CSE headers (docs/format.md §5.5). */
export const listParts: OssHandler = async (req, ctx) => {
  const upload = requireUpload(req, ctx);
  const maxParts = intParam(req.query.get('max-parts'), 1000, 1000, 'max-parts');
  const marker = intParam(req.query.get('part-number-marker'), 0, 10_000, 'part-number-marker');
  const all = Object.values(upload.parts)
    .filter((p) => p.partNumber > marker)
    .sort((a, b) => a.partNumber - b.partNumber);
  const page = all.slice(0, maxParts);
  const truncated = all.length > page.length;
  const urlEncode = req.query.get('encoding-type') === 'url';
  const cse = upload.cse;
  const cseNodes: XmlNode[] = cse
    ? [
        ['ClientEncryptionKey', cse.key],
        ['ClientEncryptionStart', cse.start],
        cse.cekAlg !== undefined ? ['ClientEncryptionCekAlg', cse.cekAlg] : null,
        cse.wrapAlg !== undefined ? ['ClientEncryptionWrapAlg', cse.wrapAlg] : null,
        cse.dataSize !== undefined ? ['ClientEncryptionDataSize', cse.dataSize] : null,
        cse.partSize !== undefined ? ['ClientEncryptionPartSize', cse.partSize] : null,
      ]
    : [];
  const body = xmlDocument('ListPartsResult', [
    urlEncode ? ['EncodingType', 'url'] : null,
    ['Bucket', upload.bucket],
    ['Key', urlEncode ? encodeURIComponent(upload.key) : upload.key],
    ['UploadId', upload.uploadId],
    ['StorageClass', upload.storageClass],
    ['PartNumberMarker', marker],
    ['NextPartNumberMarker', page.at(-1)?.partNumber ?? marker],
    ['MaxParts', maxParts],
    ['IsTruncated', truncated],
    ...cseNodes,
    ...page.map((p): XmlNode => [
      'Part',
      [
        ['PartNumber', p.partNumber],
        ['LastModified', isoDate(p.lastModified)],
        ['ETag', quoteEtag(p.etag)],
        ['HashCrc64ecma', p.crc64],
        ['Size', p.size],
      ],
    ]),
  ]);
  return { status: 200, headers: { ...XML_HEADERS }, body };
};
