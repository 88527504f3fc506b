import { OssErrors } from '../../errors/catalog.js';
import { parseHttpDate } from '../../shared/time-format.js';
import type { ObjectRecord } from '../../storage/records.js';

export type ConditionOutcome = 'proceed' | 'not-modified';

const etagMatches = (list: string, etag: string): boolean =>
  list
    .split(',')
    .map((s) => s.trim().replace(/^W\//, '').replace(/^"|"$/g, '').toUpperCase())
    .some((t) => t === '*' || t === etag.toUpperCase());

/** Compares at one-second precision (HTTP dates have no milliseconds). */
const seconds = (ms: number): number => Math.floor(ms / 1000);

/**
 * Evaluates If-Match / If-Unmodified-Since (→ 412 PreconditionFailed) and If-None-Match / If-Modified-Since
 * (→ 304). `prefix` is '' for GET/HEAD and 'x-oss-copy-source-' for CopyObject.
 */
export function evaluateConditions(headers: Record<string, string>, obj: ObjectRecord, prefix = ''): ConditionOutcome {
  const ifMatch = headers[`${prefix}if-match`];
  if (ifMatch !== undefined && !etagMatches(ifMatch, obj.etag)) throw OssErrors.preconditionFailed('If-Match');
  const ifUnmodified = parseHttpDate(headers[`${prefix}if-unmodified-since`]);
  if (ifMatch === undefined && ifUnmodified !== undefined && seconds(obj.lastModified) > seconds(ifUnmodified)) {
    throw OssErrors.preconditionFailed('If-Unmodified-Since');
  }
  const ifNoneMatch = headers[`${prefix}if-none-match`];
  if (ifNoneMatch !== undefined) return etagMatches(ifNoneMatch, obj.etag) ? 'not-modified' : 'proceed';
  const ifModified = parseHttpDate(headers[`${prefix}if-modified-since`]);
  if (ifModified !== undefined && seconds(obj.lastModified) <= seconds(ifModified)) return 'not-modified';
  return 'proceed';
}
