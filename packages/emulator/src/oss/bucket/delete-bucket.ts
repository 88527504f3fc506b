import { OssErrors } from '../../errors/catalog.js';
import { requireBucket } from '../objects/require.js';
import type { OssHandler } from '../types.js';

export const deleteBucket: OssHandler = async (req, ctx) => {
  const bucket = requireBucket(req, ctx);
  if (!ctx.catalog.bucketIsEmpty(bucket.name)) throw OssErrors.bucketNotEmpty(bucket.name);
  await ctx.catalog.deleteBucket(bucket.name);
  return { status: 204 };
};
