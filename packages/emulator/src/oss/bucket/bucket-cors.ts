import { OssErrors } from '../../errors/catalog.js';
import { corsToXml, parseCorsXml } from '../../cors/rules.js';
import { readSmallBody } from '../rules/body.js';
import { requireBucket } from '../objects/require.js';
import { XML_HEADERS, type OssHandler } from '../types.js';

export const putBucketCors: OssHandler = async (req, ctx) => {
  const bucket = requireBucket(req, ctx);
  const cors = parseCorsXml(await readSmallBody(req));
  await ctx.catalog.saveBucket({ ...bucket, cors });
  return { status: 200 };
};

export const getBucketCors: OssHandler = async (req, ctx) => {
  const bucket = requireBucket(req, ctx);
  if (!bucket.cors) throw OssErrors.noSuchCorsConfiguration(bucket.name);
  return { status: 200, headers: { ...XML_HEADERS }, body: corsToXml(bucket.cors) };
};

export const deleteBucketCors: OssHandler = async (req, ctx) => {
  const bucket = requireBucket(req, ctx);
  const { cors: _removed, ...rest } = bucket;
  await ctx.catalog.saveBucket(rest);
  return { status: 204 };
};
