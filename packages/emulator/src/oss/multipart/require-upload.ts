import { OssErrors } from '../../errors/catalog.js';
import type { UploadRecord } from '../../storage/records.js';
import { requireBucket } from '../objects/require.js';
import type { OssContext, OssRequest } from '../types.js';

/** The upload named by `uploadId`, which must belong to this bucket and key. */
export function requireUpload(req: OssRequest, ctx: OssContext): UploadRecord {
  requireBucket(req, ctx);
  const uploadId = req.query.get('uploadId') ?? '';
  const upload = ctx.catalog.getUpload(uploadId);
  if (!upload || upload.bucket !== req.bucket || upload.key !== req.key) throw OssErrors.noSuchUpload(uploadId);
  return upload;
}
