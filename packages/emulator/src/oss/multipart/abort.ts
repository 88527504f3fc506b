import type { OssHandler } from '../types.js';
import { requireUpload } from './require-upload.js';

/** AbortMultipartUpload; waits for a Complete of the same upload in progress (then answers NoSuchUpload). */
export const abortMultipartUpload: OssHandler = async (req, ctx) => {
  const uploadId = requireUpload(req, ctx).uploadId;
  return ctx.catalog.withUpload(uploadId, async () => {
    requireUpload(req, ctx);
    await ctx.catalog.removeUpload(uploadId);
    return { status: 204 };
  });
};
