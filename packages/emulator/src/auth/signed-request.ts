import type { QueryParams } from '../server/query.js';

/** The parts of a request that OSS signatures cover. */
export interface SignedRequest {
  method: string;
  /** Undefined for service-level requests (ListBuckets). */
  bucket?: string;
  /** Decoded object key; undefined for bucket-level requests. */
  key?: string;
  query: QueryParams;
  /** Lower-case names. */
  headers: Record<string, string>;
}
