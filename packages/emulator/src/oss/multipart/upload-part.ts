import { OssErrors } from '../../errors/catalog.js';
import { storeBody } from '../rules/body.js';
import { checkCseUploadPart } from '../rules/cse.js';
import { metadataFromRequest } from '../rules/metadata.js';
import { quoteEtag, type OssHandler } from '../types.js';
import { requireUpload } from './require-upload.js';

export const MAX_PART_NUMBER = 10_000;

export const uploadPart: OssHandler = async (req, ctx) => {
  const upload = requireUpload(req, ctx);
  const raw = req.query.get('partNumber') ?? '';
  const partNumber = Number(raw);
  if (!/^\d+$/.test(raw) || partNumber < 1 || partNumber > MAX_PART_NUMBER) {
    throw OssErrors.invalidArgument('Part number must be an integer between 1 and 10000, inclusive.', '0042-00000002', {
      ArgumentName: 'partNumber',
      ArgumentValue: raw,
    });
  }
  checkCseUploadPart(metadataFromRequest(req.headers).meta, upload);
  const blob = await storeBody(req, ctx.catalog.blobs);
  const crc64 = blob.crc64.toString();
  // The body streams in without the upload's lock (parts upload in parallel); the part is recorded under it,
  // after looking the upload up again: it may have been completed or aborted while the body was streaming.
  const saved = await ctx.catalog.withUpload(upload.uploadId, async () => {
    const current = ctx.catalog.getUpload(upload.uploadId);
    if (!current) return false;
    await ctx.catalog.savePart(current, {
      partNumber,
      etag: blob.md5Hex,
      size: blob.size,
      crc64,
      blob: blob.id,
      lastModified: ctx.clock.now(),
    });
    return true;
  });
  if (!saved) {
    await ctx.catalog.blobs.remove(blob.id);
    throw OssErrors.noSuchUpload(upload.uploadId);
  }
  return { status: 200, headers: { ETag: quoteEtag(blob.md5Hex), 'x-oss-hash-crc64ecma': crc64 } };
};
