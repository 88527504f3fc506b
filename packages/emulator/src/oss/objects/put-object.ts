import { checkCsePut } from '../rules/cse.js';
import { storeBody } from '../rules/body.js';
import { metadataFromRequest } from '../rules/metadata.js';
import { quoteEtag, type OssHandler } from '../types.js';
import { checkForbidOverwrite, requireBucket } from './require.js';

export const putObject: OssHandler = async (req, ctx) => {
  requireBucket(req, ctx);
  const key = req.key as string;
  const { headers, meta } = metadataFromRequest(req.headers);
  checkCsePut(meta);
  checkForbidOverwrite(req, ctx, key);
  const blob = await storeBody(req, ctx.catalog.blobs);
  const crc64 = blob.crc64.toString();
  await ctx.catalog.putObject(req.bucket as string, {
    key,
    size: blob.size,
    etag: blob.md5Hex,
    crc64,
    lastModified: ctx.clock.now(),
    objectType: 'Normal',
    storageClass: req.headers['x-oss-storage-class'] ?? 'Standard',
    headers,
    meta,
    segments: [{ blob: blob.id, size: blob.size }],
  });
  return {
    status: 200,
    headers: {
      ETag: quoteEtag(blob.md5Hex),
      'x-oss-hash-crc64ecma': crc64,
      'Content-MD5': Buffer.from(blob.md5Hex, 'hex').toString('base64'),
    },
  };
};
