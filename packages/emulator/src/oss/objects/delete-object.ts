import type { OssHandler } from '../types.js';
import { requireBucket } from './require.js';

/** DeleteObject: 204 whether or not the key existed. */
export const deleteObject: OssHandler = async (req, ctx) => {
  requireBucket(req, ctx);
  await ctx.catalog.deleteObject(req.bucket as string, req.key as string);
  return { status: 204 };
};
