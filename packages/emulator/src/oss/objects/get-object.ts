import { httpDate } from '../../shared/time-format.js';
import { evaluateConditions } from '../rules/conditions.js';
import { objectResponseHeaders, responseOverrides } from '../rules/metadata.js';
import { resolveRange } from '../rules/range.js';
import { quoteEtag, type OssHandler } from '../types.js';
import { requireObject } from './require.js';

/** GetObject and HeadObject (same headers; HEAD has no body). */
export const getObject: OssHandler = async (req, ctx) => {
  const obj = requireObject(req, ctx);
  // Validated before anything is pinned: a refused request holds nothing.
  const overrides = responseOverrides(req.query);
  const headers = objectResponseHeaders(obj);
  if (evaluateConditions(req.headers, obj) === 'not-modified') {
    return {
      status: 304,
      headers: { ETag: headers.ETag as string, 'Last-Modified': headers['Last-Modified'] as string },
    };
  }
  const standard = (req.headers['x-oss-range-behavior'] ?? '').toLowerCase() === 'standard';
  const range = resolveRange(req.headers.range, obj.size, standard);
  Object.assign(headers, overrides);
  const isHead = req.method === 'HEAD';
  if (range) {
    const length = range.end - range.start + 1;
    headers['Content-Range'] = `bytes ${range.start}-${range.end}/${obj.size}`;
    return {
      status: 206,
      headers,
      bodyLength: length,
      ...(isHead ? {} : { body: ctx.catalog.readObject(obj.segments, range.start, range.end) }),
    };
  }
  return {
    status: 200,
    headers,
    bodyLength: obj.size,
    ...(isHead ? {} : { body: ctx.catalog.readObject(obj.segments, 0, obj.size - 1) }),
  };
};

/** GetObjectMeta (`HEAD ?objectMeta`; GET is accepted too): size, ETag, Last-Modified and CRC, no user metadata. */
export const getObjectMeta: OssHandler = async (req, ctx) => {
  const obj = requireObject(req, ctx);
  return {
    status: 200,
    headers: {
      ETag: quoteEtag(obj.etag),
      'Last-Modified': httpDate(obj.lastModified),
      'x-oss-hash-crc64ecma': obj.crc64,
      'x-oss-last-access-time': httpDate(obj.lastModified),
    },
    // The size travels as Content-Length of a HEAD; a GET answer has an empty body and says so.
    ...(req.method === 'HEAD' ? { bodyLength: obj.size } : {}),
  };
};
