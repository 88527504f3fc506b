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
    throw OssErrors.invalidArgument('Part number must be an integer between 1 and 10000, inclusive.', '0042-00000002', { ArgumentName: 'partNumber', ArgumentValue: raw });
  }
  checkCseUploadPart(metadataFromRequest(req.headers).meta, upload);
  const blob = await storeBody(req, ctx.catalog.blobs);
  // The upload may have been completed or aborted while the body was streaming.
  if (ctx.catalog.getUpload(upload.uploadId) !== upload) {
    await ctx.catalog.blobs.remove(blob.id);
    throw OssErrors.noSuchUpload(upload.uploadId);
  }
  const crc64 = blob.crc64.toString();
  await ctx.catalog.savePart(upload, { partNumber, etag: blob.md5Hex, size: blob.size, crc64, blob: blob.id, lastModified: ctx.clock.now() });
  return { status: 200, headers: { ETag: quoteEtag(blob.md5Hex), 'x-oss-hash-crc64ecma': crc64 } };
};
