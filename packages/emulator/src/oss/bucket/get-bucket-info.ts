import { isoDate } from '../../shared/time-format.js';
import { xmlDocument, xmlTextDocument } from '../../xml/write.js';
import { requireBucket } from '../objects/require.js';
import { XML_HEADERS, type OssHandler } from '../types.js';

export const getBucketInfo: OssHandler = async (req, ctx) => {
  const bucket = requireBucket(req, ctx);
  const host = req.headers.host ?? 'localhost';
  const body = xmlDocument('BucketInfo', [
    [
      'Bucket',
      [
        ['AccessMonitor', 'Disabled'],
        ['CreationDate', isoDate(bucket.createdAt)],
        ['ExtranetEndpoint', host],
        ['IntranetEndpoint', host],
        ['Location', `oss-${bucket.region}`],
        ['StorageClass', bucket.storageClass],
        ['TransferAcceleration', 'Disabled'],
        ['CrossRegionReplication', 'Disabled'],
        ['Name', bucket.name],
        ['ResourceGroupId', 'rg-default'],
        [
          'Owner',
          [
            ['DisplayName', ctx.ownerId],
            ['ID', ctx.ownerId],
          ],
        ],
        ['AccessControlList', [['Grant', bucket.acl]]],
        ['ServerSideEncryptionRule', [['SSEAlgorithm', 'None']]],
        [
          'BucketPolicy',
          [
            ['LogBucket', ''],
            ['LogPrefix', ''],
          ],
        ],
      ],
    ],
  ]);
  return { status: 200, headers: { ...XML_HEADERS }, body };
};

export const getBucketLocation: OssHandler = async (req, ctx) => {
  const bucket = requireBucket(req, ctx);
  return {
    status: 200,
    headers: { ...XML_HEADERS },
    body: xmlTextDocument('LocationConstraint', `oss-${bucket.region}`),
  };
};
