import { OssErrors } from '../../errors/catalog.js';
import { safeDecode } from '../../server/query.js';
import { isoDate } from '../../shared/time-format.js';
import type { Segment } from '../../storage/records.js';
import { evaluateConditions } from '../rules/conditions.js';
import { mergeCseOnReplace } from '../rules/cse.js';
import { metadataFromRequest } from '../rules/metadata.js';
import { validateObjectKey } from '../rules/names.js';
import { quoteEtag, XML_HEADERS, type OssHandler } from '../types.js';
import { xmlDocument } from '../../xml/write.js';
import { checkForbidOverwrite, requireBucket } from './require.js';

/** `x-oss-copy-source: /bucket/<url-encoded key>`. */
function parseCopySource(value: string): { bucket: string; key: string } {
  const path = safeDecode(value.split('?')[0] as string).replace(/^\//, '');
  const slash = path.indexOf('/');
  if (slash <= 0 || slash === path.length - 1)
    throw OssErrors.invalidArgument(
      'Copy Source must mention the source bucket and key: /sourcebucket/sourcekey.',
      '0017-00000801',
    );
  return { bucket: path.slice(0, slash), key: path.slice(slash + 1) };
}

export const copyObject: OssHandler = async (req, ctx) => {
  requireBucket(req, ctx);
  const source = parseCopySource(req.headers['x-oss-copy-source'] as string);
  validateObjectKey(source.key);
  ctx.authorize(req, 'oss:GetObject', source.bucket, source.key);
  if (!ctx.catalog.getBucket(source.bucket)) throw OssErrors.noSuchBucket(source.bucket);
  const src = ctx.catalog.getObject(source.bucket, source.key);
  if (!src) throw OssErrors.noSuchKey(source.key);
  if (evaluateConditions(req.headers, src, 'x-oss-copy-source-') === 'not-modified') return { status: 304 };

  const directive = (req.headers['x-oss-metadata-directive'] ?? 'COPY').toUpperCase();
  if (directive !== 'COPY' && directive !== 'REPLACE')
    throw OssErrors.invalidArgument('x-oss-metadata-directive must be COPY or REPLACE.');
  const key = req.key as string;
  const sameObject = source.bucket === req.bucket && source.key === key;
  if (sameObject && directive === 'COPY') {
    throw OssErrors.invalidArgument(
      "This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata.",
    );
  }
  let headers = src.headers;
  let meta = src.meta;
  if (directive === 'REPLACE') {
    const requested = metadataFromRequest(req.headers);
    headers = requested.headers;
    meta = mergeCseOnReplace(src.meta, requested.meta);
  }
  checkForbidOverwrite(req, ctx, key);
  const segments: Segment[] = sameObject ? src.segments : await ctx.catalog.duplicateSegments(src.segments);
  const now = ctx.clock.now();
  await ctx.catalog.putObject(req.bucket as string, { ...src, key, lastModified: now, headers, meta, segments });
  return {
    status: 200,
    headers: { ...XML_HEADERS, ETag: quoteEtag(src.etag), 'x-oss-hash-crc64ecma': src.crc64 },
    body: xmlDocument('CopyObjectResult', [
      ['LastModified', isoDate(now)],
      ['ETag', quoteEtag(src.etag)],
    ]),
  };
};
