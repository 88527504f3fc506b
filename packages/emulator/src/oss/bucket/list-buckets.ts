import { isoDate } from '../../shared/time-format.js';
import { xmlDocument, type XmlNode } from '../../xml/write.js';
import { XML_HEADERS, type OssHandler } from '../types.js';

/** ListBuckets (GetService, `GET /`). */
export const listBuckets: OssHandler = async (req, ctx) => {
  const prefix = req.query.get('prefix') ?? '';
  const host = req.headers.host ?? 'localhost';
  const buckets = ctx.catalog.listBuckets().filter((b) => b.name.startsWith(prefix));
  const body = xmlDocument('ListAllMyBucketsResult', [
    [
      'Owner',
      [
        ['ID', ctx.ownerId],
        ['DisplayName', ctx.ownerId],
      ],
    ],
    [
      'Buckets',
      buckets.map((b): XmlNode => [
        'Bucket',
        [
          ['CreationDate', isoDate(b.createdAt)],
          ['ExtranetEndpoint', host],
          ['IntranetEndpoint', host],
          ['Location', `oss-${b.region}`],
          ['Name', b.name],
          ['Region', b.region],
          ['StorageClass', b.storageClass],
        ],
      ]),
    ],
  ]);
  return { status: 200, headers: { ...XML_HEADERS }, body };
};
