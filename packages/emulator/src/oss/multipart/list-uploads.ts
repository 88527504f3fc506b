import { isoDate } from '../../shared/time-format.js';
import { xmlDocument, type XmlNode } from '../../xml/write.js';
import { requireBucket } from '../objects/require.js';
import { XML_HEADERS, type OssHandler } from '../types.js';

/** ListMultipartUploads (`GET /bucket?uploads`), ordered by key then initiation time. */
export const listMultipartUploads: OssHandler = async (req, ctx) => {
  requireBucket(req, ctx);
  const prefix = req.query.get('prefix') ?? '';
  const keyMarker = req.query.get('key-marker') ?? '';
  const uploadIdMarker = req.query.get('upload-id-marker') ?? '';
  const maxUploads = Math.min(1000, Math.max(1, Number(req.query.get('max-uploads') ?? 1000) || 1000));
  const all = ctx.catalog
    .listUploads(req.bucket as string)
    .filter((u) => u.key.startsWith(prefix))
    .sort((a, b) =>
      a.key < b.key ? -1 : a.key > b.key ? 1 : a.initiated - b.initiated || (a.uploadId < b.uploadId ? -1 : 1),
    )
    .filter(
      (u) =>
        keyMarker === '' ||
        u.key > keyMarker ||
        (u.key === keyMarker && uploadIdMarker !== '' && u.uploadId > uploadIdMarker),
    );
  const page = all.slice(0, maxUploads);
  const truncated = all.length > page.length;
  const last = page.at(-1);
  const body = xmlDocument('ListMultipartUploadsResult', [
    ['Bucket', req.bucket as string],
    ['KeyMarker', keyMarker],
    ['UploadIdMarker', uploadIdMarker],
    ['NextKeyMarker', truncated && last ? last.key : ''],
    ['NextUploadIdMarker', truncated && last ? last.uploadId : ''],
    ['Delimiter', ''],
    ['Prefix', prefix],
    ['MaxUploads', maxUploads],
    ['IsTruncated', truncated],
    ...page.map((u): XmlNode => [
      'Upload',
      [
        ['Key', u.key],
        ['UploadId', u.uploadId],
        ['StorageClass', u.storageClass],
        ['Initiated', isoDate(u.initiated)],
      ],
    ]),
  ]);
  return { status: 200, headers: { ...XML_HEADERS }, body };
};
