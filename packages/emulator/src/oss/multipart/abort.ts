import type { OssHandler } from '../types.js';
import { requireUpload } from './require-upload.js';

export const abortMultipartUpload: OssHandler = async (req, ctx) => {
  const upload = requireUpload(req, ctx);
  await ctx.catalog.removeUpload(upload.uploadId);
  return { status: 204 };
};
