import { createHash } from 'node:crypto';
import { OssErrors } from '../../errors/catalog.js';
import type { BlobInfo, BlobStore } from '../../storage/blob-store.js';
import type { OssRequest } from '../types.js';

export const MAX_OBJECT_BYTES = 5 * 1024 * 1024 * 1024;

/** Validates Content-MD5 syntax; returns the expected upper-case hex digest. */
function expectedMd5(headers: Record<string, string>): string | undefined {
  const value = headers['content-md5'];
  if (value === undefined) return undefined;
  const raw = Buffer.from(value, 'base64');
  if (raw.length !== 16 || raw.toString('base64') !== value.trim()) throw OssErrors.invalidDigest(value);
  return raw.toString('hex').toUpperCase();
}

/**
 * Streams a PUT body into the blob store: Content-Length required (or chunked), at most `maxBytes`,
 * Content-MD5 checked. The blob is removed again on any failure.
 */
export async function storeBody(req: OssRequest, blobs: BlobStore, maxBytes = MAX_OBJECT_BYTES): Promise<BlobInfo> {
  const lengthHeader = req.headers['content-length'];
  const chunked = (req.headers['transfer-encoding'] ?? '').toLowerCase().includes('chunked');
  if (lengthHeader === undefined && !chunked) throw OssErrors.missingContentLength();
  if (lengthHeader !== undefined && Number(lengthHeader) > maxBytes) throw OssErrors.entityTooLarge();
  const md5 = expectedMd5(req.headers);
  let info: BlobInfo;
  try {
    info = await blobs.write(req.body, { maxBytes });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ECONNRESET' || (err as Error).message === 'aborted')
      throw OssErrors.incompleteBody();
    throw err;
  }
  const problem =
    lengthHeader !== undefined && info.size !== Number(lengthHeader)
      ? OssErrors.incompleteBody()
      : md5 !== undefined && md5 !== info.md5Hex
        ? OssErrors.badDigest(req.headers['content-md5'] as string, Buffer.from(info.md5Hex, 'hex').toString('base64'))
        : undefined;
  if (problem) {
    await blobs.remove(info.id);
    throw problem;
  }
  return info;
}

/** Reads a small request body (XML documents), checking Content-MD5 when given. */
export async function readSmallBody(req: OssRequest, maxBytes = 1024 * 1024): Promise<string> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of req.body) {
    size += chunk.length;
    if (size > maxBytes) throw OssErrors.malformedXml('The request body is too large.');
    chunks.push(chunk);
  }
  const body = Buffer.concat(chunks);
  const md5 = expectedMd5(req.headers);
  if (md5 !== undefined) {
    const actual = createHash('md5').update(body).digest();
    if (actual.toString('hex').toUpperCase() !== md5)
      throw OssErrors.badDigest(req.headers['content-md5'] as string, actual.toString('base64'));
  }
  return body.toString('utf8');
}
