import type { CorsConfiguration } from '../cors/rules.js';

/** Standard headers stored with an object and returned on GET/HEAD. */
export const STORED_HEADERS = [
  'content-type',
  'content-encoding',
  'content-disposition',
  'cache-control',
  'expires',
  'content-language',
] as const;
export type StoredHeaderName = (typeof STORED_HEADERS)[number];
export type StoredHeaders = Partial<Record<StoredHeaderName, string>>;

export interface BucketRecord {
  name: string;
  createdAt: number;
  region: string;
  storageClass: string;
  acl: string;
  cors?: CorsConfiguration;
}

/**
 * A byte range of a blob; an object is the concatenation of its segments (a completed multipart object keeps its
 * parts).
 */
export interface Segment {
  blob: string;
  size: number;
}

export interface ObjectRecord {
  key: string;
  size: number;
  /** Without quotes: upper-case MD5 hex, or `<hex>-<parts>` for multipart objects. */
  etag: string;
  /** CRC-64/XZ, unsigned decimal. */
  crc64: string;
  lastModified: number;
  objectType: 'Normal' | 'Multipart';
  storageClass: string;
  headers: StoredHeaders;
  /** User metadata: lower-case names including the `x-oss-meta-` prefix. */
  meta: Record<string, string>;
  segments: Segment[];
}

/** Client-side-encryption parameters of a multipart upload (docs/format.md §5.4–5.5). */
export interface CseUploadContext {
  key: string;
  start: string;
  cekAlg?: string;
  wrapAlg?: string;
  dataSize?: string;
  partSize?: string;
  magicNumberHmac?: string;
}

export interface PartRecord {
  partNumber: number;
  etag: string;
  size: number;
  crc64: string;
  blob: string;
  lastModified: number;
}

export interface UploadRecord {
  uploadId: string;
  bucket: string;
  key: string;
  initiated: number;
  storageClass: string;
  headers: StoredHeaders;
  meta: Record<string, string>;
  cse?: CseUploadContext;
  parts: Record<string, PartRecord>;
}
