import { OssErrors } from '../../errors/catalog.js';
import type { BucketRecord, ObjectRecord } from '../../storage/records.js';
import type { OssContext, OssRequest } from '../types.js';

export function requireBucket(req: OssRequest, ctx: OssContext): BucketRecord {
  const name = req.bucket as string;
  const bucket = ctx.catalog.getBucket(name);
  if (!bucket) throw OssErrors.noSuchBucket(name);
  return bucket;
}

export function requireObject(req: OssRequest, ctx: OssContext): ObjectRecord {
  requireBucket(req, ctx);
  const obj = ctx.catalog.getObject(req.bucket as string, req.key as string);
  if (!obj) throw OssErrors.noSuchKey(req.key as string);
  return obj;
}

/** `x-oss-forbid-overwrite: true` → 409 FileAlreadyExists when the key exists. */
export function checkForbidOverwrite(req: OssRequest, ctx: OssContext, key: string): void {
  if (
    (req.headers['x-oss-forbid-overwrite'] ?? '').toLowerCase() === 'true' &&
    ctx.catalog.getObject(req.bucket as string, key)
  ) {
    throw OssErrors.fileAlreadyExists();
  }
}
