// RFC 3986 percent-encoding as Alibaba Cloud POP signatures define it (docs/kms.md §3.1 step 2).

/**
 * Percent-encodes UTF-8 text the way POP signatures need: `A-Za-z0-9-_.~` kept, everything else `%XX` with
 * upper-case hex (space → `%20`, `*` → `%2A`, `~` unchanged).
 *
 * @example
 * ```ts
 * import { percentEncode } from '@oss-cse/kms';
 * percentEncode('p@ss w*rd~'); // 'p%40ss%20w%2Ard~'
 * ```
 */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}

/** Parameters as a record, or as name/value pairs (a name may repeat: what a verifier or a test of one sees). */
export type ParamList = Readonly<Record<string, string>> | Iterable<readonly [string, string]>;

/** The name/value pairs of a {@link ParamList}, in their given order. */
export function paramPairs(params: ParamList): Array<readonly [string, string]> {
  return Symbol.iterator in params ? [...(params as Iterable<readonly [string, string]>)] : Object.entries(params);
}

/**
 * `k=v` pairs, percent-encoded, sorted by raw name (code-point order; repeated names keep their order), joined
 * by `&`; empty values kept.
 *
 * @example
 * ```ts
 * import { canonicalQuery } from '@oss-cse/kms';
 * canonicalQuery({ b: '2', a: '' }); // 'a=&b=2'
 * ```
 */
export function canonicalQuery(params: ParamList): string {
  return paramPairs(params)
    .sort(([a], [b]) => compareCodePoints(a, b))
    .map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`)
    .join('&');
}

/** Code-point order (what Python's `sorted` and Java's `TreeMap` use for the ASCII names POP has). */
export function compareCodePoints(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
