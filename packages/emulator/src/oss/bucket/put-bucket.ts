import { OssErrors } from '../../errors/catalog.js';
import { childText, parseXml } from '../../xml/parse.js';
import { readSmallBody } from '../rules/body.js';
import { validateBucketName } from '../rules/names.js';
import type { OssHandler } from '../types.js';

export const putBucket: OssHandler = async (req, ctx) => {
  const name = req.bucket as string;
  validateBucketName(name);
  const body = await readSmallBody(req);
  let storageClass = 'Standard';
  if (body.trim() !== '') {
    const root = parseXml(body);
    if (root.name !== 'CreateBucketConfiguration') throw OssErrors.malformedXml();
    storageClass = childText(root, 'StorageClass') ?? storageClass;
  }
  if (ctx.catalog.getBucket(name)) throw OssErrors.bucketAlreadyExists(name);
  await ctx.catalog.saveBucket({
    name,
    createdAt: ctx.clock.now(),
    region: ctx.region,
    storageClass,
    acl: req.headers['x-oss-acl'] ?? 'private',
  });
  return { status: 200, headers: { Location: `/${name}` } };
};
