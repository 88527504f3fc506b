import { newUploadId } from '../../shared/ids.js';
import { xmlDocument } from '../../xml/write.js';
import { checkCseInitiate } from '../rules/cse.js';
import { metadataFromRequest } from '../rules/metadata.js';
import { checkForbidOverwrite, requireBucket } from '../objects/require.js';
import { XML_HEADERS, type OssHandler } from '../types.js';

export const initiateMultipartUpload: OssHandler = async (req, ctx) => {
  requireBucket(req, ctx);
  const key = req.key as string;
  const { headers, meta } = metadataFromRequest(req.headers);
  const cse = checkCseInitiate(meta);
  checkForbidOverwrite(req, ctx, key);
  const uploadId = newUploadId();
  await ctx.catalog.saveUpload({
    uploadId,
    bucket: req.bucket as string,
    key,
    initiated: ctx.clock.now(),
    storageClass: req.headers['x-oss-storage-class'] ?? 'Standard',
    headers,
    meta,
    ...(cse ? { cse } : {}),
    parts: {},
  });
  const urlEncode = req.query.get('encoding-type') === 'url';
  return {
    status: 200,
    headers: { ...XML_HEADERS },
    body: xmlDocument('InitiateMultipartUploadResult', [
      ['Bucket', req.bucket as string],
      ['Key', urlEncode ? encodeURIComponent(key) : key],
      ['UploadId', uploadId],
      urlEncode ? ['EncodingType', 'url'] : null,
    ]),
  };
};
