import { OssErrors } from '../errors/catalog.js';
import type { QueryParams } from '../server/query.js';
import { deleteBucketCors, getBucketCors, putBucketCors } from './bucket/bucket-cors.js';
import { deleteBucket } from './bucket/delete-bucket.js';
import { getBucketInfo, getBucketLocation } from './bucket/get-bucket-info.js';
import { listBuckets } from './bucket/list-buckets.js';
import { putBucket } from './bucket/put-bucket.js';
import { abortMultipartUpload } from './multipart/abort.js';
import { completeMultipartUpload } from './multipart/complete.js';
import { initiateMultipartUpload } from './multipart/initiate.js';
import { listParts } from './multipart/list-parts.js';
import { listMultipartUploads } from './multipart/list-uploads.js';
import { uploadPart } from './multipart/upload-part.js';
import { copyObject } from './objects/copy-object.js';
import { deleteMultipleObjects } from './objects/delete-multiple.js';
import { deleteObject } from './objects/delete-object.js';
import { getObject, getObjectMeta } from './objects/get-object.js';
import { listObjectsV1, listObjectsV2 } from './objects/list-objects.js';
import { putObject } from './objects/put-object.js';
import type { OssHandler } from './types.js';

/** An OSS API operation: its name (as used by fault rules), the RAM action it needs, and its handler. */
export interface Operation {
  name: string;
  action: string;
  handler: OssHandler;
}

const op = (name: string, action: string, handler: OssHandler): Operation => ({ name, action, handler });

function objectOperation(method: string, query: QueryParams, headers: Record<string, string>): Operation {
  const multipart = query.has('uploadId');
  switch (method) {
    case 'PUT':
      if (multipart || query.has('partNumber')) {
        if (headers['x-oss-copy-source'] !== undefined) throw OssErrors.notImplemented('UploadPartCopy');
        return op('UploadPart', 'oss:PutObject', uploadPart);
      }
      if (headers['x-oss-copy-source'] !== undefined) return op('CopyObject', 'oss:PutObject', copyObject);
      return op('PutObject', 'oss:PutObject', putObject);
    case 'GET':
      if (multipart) return op('ListParts', 'oss:ListParts', listParts);
      if (query.has('objectMeta')) return op('GetObjectMeta', 'oss:GetObject', getObjectMeta);
      return op('GetObject', 'oss:GetObject', getObject);
    case 'HEAD':
      // ali-oss sends GetObjectMeta as HEAD ?objectMeta.
      if (query.has('objectMeta')) return op('GetObjectMeta', 'oss:GetObject', getObjectMeta);
      return op('HeadObject', 'oss:GetObject', getObject);
    case 'DELETE':
      return multipart
        ? op('AbortMultipartUpload', 'oss:AbortMultipartUpload', abortMultipartUpload)
        : op('DeleteObject', 'oss:DeleteObject', deleteObject);
    case 'POST':
      if (query.has('uploads')) return op('InitiateMultipartUpload', 'oss:PutObject', initiateMultipartUpload);
      if (multipart) return op('CompleteMultipartUpload', 'oss:PutObject', completeMultipartUpload);
      throw OssErrors.notImplemented(query.has('append') ? 'AppendObject' : 'This POST operation');
    default:
      throw OssErrors.methodNotAllowed(method);
  }
}

function bucketOperation(method: string, query: QueryParams): Operation {
  const cors = query.has('cors');
  switch (method) {
    case 'PUT':
      if (cors) return op('PutBucketCors', 'oss:PutBucketCors', putBucketCors);
      if (query.pairs.length === 0) return op('PutBucket', 'oss:PutBucket', putBucket);
      break;
    case 'GET':
      if (cors) return op('GetBucketCors', 'oss:GetBucketCors', getBucketCors);
      if (query.has('bucketInfo')) return op('GetBucketInfo', 'oss:GetBucketInfo', getBucketInfo);
      if (query.has('location')) return op('GetBucketLocation', 'oss:GetBucketLocation', getBucketLocation);
      if (query.has('uploads')) return op('ListMultipartUploads', 'oss:ListMultipartUploads', listMultipartUploads);
      if (query.get('list-type') === '2') return op('ListObjectsV2', 'oss:ListObjects', listObjectsV2);
      return op('ListObjects', 'oss:ListObjects', listObjectsV1);
    case 'POST':
      // Each key is authorized again inside the handler.
      if (query.has('delete')) return op('DeleteMultipleObjects', 'oss:DeleteObject', deleteMultipleObjects);
      break;
    case 'DELETE':
      if (cors) return op('DeleteBucketCors', 'oss:PutBucketCors', deleteBucketCors);
      if (query.pairs.length === 0) return op('DeleteBucket', 'oss:DeleteBucket', deleteBucket);
      break;
    default:
      throw OssErrors.methodNotAllowed(method);
  }
  throw OssErrors.notImplemented(`Bucket sub-resource ${query.pairs.map(([k]) => k).join('&')}`);
}

/** Picks the operation addressed by method, bucket/key presence, sub-resources and headers. */
export function resolveOperation(
  method: string,
  bucket: string | undefined,
  key: string | undefined,
  query: QueryParams,
  headers: Record<string, string>,
): Operation {
  if (bucket === undefined) {
    if (method === 'GET') return op('ListBuckets', 'oss:ListBuckets', listBuckets);
    throw OssErrors.methodNotAllowed(method);
  }
  return key === undefined ? bucketOperation(method, query) : objectOperation(method, query, headers);
}
