/** Which requests a fault applies to; every given field must match. */
export interface RequestMatch {
  /** HTTP method (any case). */
  method?: string;
  /** OSS operation name (`PutObject`, `UploadPart`, `GetObject`, ...), or `AssumeRole`-style RPC: `sts`/`kms`. */
  operation?: string;
  /** Bucket name. */
  bucket?: string;
  /** Exact object key. */
  key?: string;
  /** Object keys starting with this. */
  keyPrefix?: string;
  /** The `partNumber` of an UploadPart (or any request carrying one). */
  partNumber?: number;
}

interface RuleBase extends RequestMatch {
  /** How many requests to affect; `null`/Infinity = until cleared. Default 1. */
  count?: number | null;
}

/** Answer with an OSS error instead of handling the request. */
export interface FailRule extends RuleBase {
  /** `'fail'`. */
  type: 'fail';
  /** HTTP status (default 500). */
  status?: number;
  /** OSS error code (default `InternalError`). */
  code?: string;
  /** OSS error message (default `Injected fault.`). */
  message?: string;
}

/** Drop the connection after `afterBytes` bytes of the request body (uploads) or response body (downloads). */
export interface ResetRule extends RuleBase {
  /** `'reset'`. */
  type: 'reset';
  /** Body bytes let through before the connection drops (default 0). */
  afterBytes?: number;
}

/** Wait `delayMs` before handling the request. */
export interface DelayRule extends RuleBase {
  /** `'delay'`. */
  type: 'delay';
  /** The wait in ms. */
  delayMs: number;
}

/** A fault to inject: an error answer, a dropped connection or a delay. */
export type FaultRule = FailRule | ResetRule | DelayRule;

/** The request facts a rule is matched against. */
export interface RequestFacts {
  method: string;
  operation: string;
  bucket?: string;
  key?: string;
  partNumber?: number;
}

export function ruleMatches(rule: RequestMatch, facts: RequestFacts): boolean {
  if (rule.method !== undefined && rule.method.toUpperCase() !== facts.method.toUpperCase()) return false;
  if (rule.operation !== undefined && rule.operation !== facts.operation) return false;
  if (rule.bucket !== undefined && rule.bucket !== facts.bucket) return false;
  if (rule.key !== undefined && rule.key !== facts.key) return false;
  if (rule.keyPrefix !== undefined && !(facts.key ?? '').startsWith(rule.keyPrefix)) return false;
  if (rule.partNumber !== undefined && rule.partNumber !== facts.partNumber) return false;
  return true;
}
