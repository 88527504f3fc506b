import { createHash } from 'node:crypto';
import { OssErrors } from '../../errors/catalog.js';
import { crc64Combine } from '@oss-cse/core';
import type { PartRecord, UploadRecord } from '../../storage/records.js';
import { childText, childrenNamed, parseXml } from '../../xml/parse.js';
import { xmlDocument } from '../../xml/write.js';
import { readSmallBody } from '../rules/body.js';
import { checkCseComplete } from '../rules/cse.js';
import { checkForbidOverwrite } from '../objects/require.js';
import { quoteEtag, XML_HEADERS, type OssContext, type OssHandler, type OssRequest, type OssResult } from '../types.js';
import { requireUpload } from './require-upload.js';

/** Every part but the last must be at least 100 KB. */
export const MIN_PART_SIZE = 100 * 1024;

interface RequestedPart {
  partNumber: number;
  etag: string;
}

function parsePartList(body: string): RequestedPart[] {
  const root = parseXml(body);
  if (root.name !== 'CompleteMultipartUpload') throw OssErrors.malformedXml();
  const parts = childrenNamed(root, 'Part').map((p) => {
    const number = childText(p, 'PartNumber');
    const etag = childText(p, 'ETag');
    if (number === undefined || etag === undefined || !/^\d+$/.test(number)) throw OssErrors.malformedXml();
    return { partNumber: Number(number), etag: etag.replace(/^"|"$/g, '').toUpperCase() };
  });
  if (parts.length === 0) throw OssErrors.malformedXml();
  return parts;
}

/**
 * CompleteMultipartUpload. The upload is looked up again once the body has arrived, under the upload's lock:
 * an Abort, a Complete or an UploadPart that happened meanwhile is seen, and none can interleave with this one.
 */
export const completeMultipartUpload: OssHandler = async (req, ctx) => {
  const uploadId = requireUpload(req, ctx).uploadId;
  const body = await readSmallBody(req);
  return ctx.catalog.withUpload(uploadId, async () => complete(req, ctx, requireUpload(req, ctx), body));
};

async function complete(req: OssRequest, ctx: OssContext, upload: UploadRecord, body: string): Promise<OssResult> {
  const completeAll = (req.headers['x-oss-complete-all'] ?? '').toLowerCase() === 'yes';
  let chosen: PartRecord[];
  if (completeAll) {
    if (body.trim() !== '') throw OssErrors.invalidArgument('x-oss-complete-all: yes requires an empty body.');
    chosen = Object.values(upload.parts).sort((a, b) => a.partNumber - b.partNumber);
    if (chosen.length === 0) throw OssErrors.invalidPart();
  } else {
    const requested = parsePartList(body);
    for (let i = 1; i < requested.length; i++) {
      if ((requested[i] as RequestedPart).partNumber <= (requested[i - 1] as RequestedPart).partNumber)
        throw OssErrors.invalidPartOrder();
    }
    chosen = requested.map((r) => {
      const part = upload.parts[String(r.partNumber)];
      if (!part || part.etag !== r.etag) throw OssErrors.invalidPart();
      return part;
    });
  }
  for (const part of chosen.slice(0, -1)) if (part.size < MIN_PART_SIZE) throw OssErrors.entityTooSmall();
  checkCseComplete(upload, chosen.length);
  checkForbidOverwrite(req, ctx, upload.key);

  const etag = `${createHash('md5')
    .update(chosen.map((p) => p.etag).join(''))
    .digest('hex')
    .toUpperCase()}-${chosen.length}`;
  let crc = 0n;
  let size = 0;
  for (const part of chosen) {
    crc = crc64Combine(crc, BigInt(part.crc64), part.size);
    size += part.size;
  }
  const segments = chosen.map((p) => ({ blob: p.blob, size: p.size }));
  await ctx.catalog.putObject(upload.bucket, {
    key: upload.key,
    size,
    etag,
    crc64: crc.toString(),
    lastModified: ctx.clock.now(),
    objectType: 'Multipart',
    storageClass: upload.storageClass,
    headers: upload.headers,
    meta: upload.meta,
    segments,
  });
  await ctx.catalog.removeUpload(upload.uploadId);
  const urlEncode = req.query.get('encoding-type') === 'url';
  const host = req.headers.host ?? 'localhost';
  return {
    status: 200,
    headers: { ...XML_HEADERS, ETag: quoteEtag(etag), 'x-oss-hash-crc64ecma': crc.toString() },
    body: xmlDocument('CompleteMultipartUploadResult', [
      urlEncode ? ['EncodingType', 'url'] : null,
      ['Location', `http://${host}/${upload.bucket}/${encodeURIComponent(upload.key).replace(/%2F/g, '/')}`],
      ['Bucket', upload.bucket],
      ['Key', urlEncode ? encodeURIComponent(upload.key) : upload.key],
      ['ETag', quoteEtag(etag)],
    ]),
  };
}
