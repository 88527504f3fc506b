import { hmacSha256Hex, sha256Hex } from './crypto-util.js';
import { byCodePoint, toPairs, type NameValues } from './pairs.js';
import { percentEncode } from './percent-encode.js';

export const ACS3_ALGORITHM = 'ACS3-HMAC-SHA256';

/** Headers as name/value pairs (any case; duplicates allowed) or a record. */
export type HeaderPairs = NameValues;

export interface V3SignatureInput {
  method: string;
  /** CanonicalURI: `/` for RPC. */
  pathname: string;
  /** Decoded query parameters. */
  query: NameValues;
  headers: HeaderPairs;
  /** hex(sha256(body)), normally the `x-acs-content-sha256` header. */
  payloadHash: string;
  accessKeyId: string;
  accessKeySecret: string;
  /**
   * Lower-case names of the headers to sign. Default: every header named `host`, `content-type` or
   * `x-acs-*` (what the official SDK signs). A verifier passes the client's SignedHeaders list.
   */
  signedHeaders?: readonly string[];
}

export interface V3Signature {
  canonicalRequest: string;
  hashedCanonicalRequest: string;
  stringToSign: string;
  signedHeaders: string;
  /** hex(HMAC-SHA256(secret, stringToSign)). */
  signature: string;
  authorization: string;
}

/** True for the headers the official SDK signs. */
export function isSignableV3Header(lowerName: string): boolean {
  return lowerName === 'host' || lowerName === 'content-type' || lowerName.startsWith('x-acs-');
}

/** Sorted `k=percentEncode(v)` pairs joined by `&` ('' when there are none). */
export function canonicalizeV3Query(query: V3SignatureInput['query']): string {
  return toPairs(query)
    .map(([name, value]) => [percentEncode(name), percentEncode(value)] as const)
    .sort(([a, va], [b, vb]) => byCodePoint(a, b) || byCodePoint(va, vb))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
}

/** Lower-cased, sorted header names with their merged values (duplicates sorted and joined by `,`). */
export function collectV3Headers(headers: HeaderPairs, signed?: readonly string[]): Map<string, string> {
  const wanted = signed ? new Set(signed) : undefined;
  const grouped = new Map<string, string[]>();
  for (const [rawName, value] of toPairs(headers)) {
    const name = rawName.toLowerCase();
    if (wanted ? !wanted.has(name) : !isSignableV3Header(name)) continue;
    const values = grouped.get(name) ?? [];
    values.push(value.trim());
    grouped.set(name, values);
  }
  const names = [...grouped.keys()].sort(byCodePoint);
  return new Map(names.map((name) => [name, (grouped.get(name) ?? []).sort(byCodePoint).join(',')]));
}

/** ACS3-HMAC-SHA256 as docs/kms.md §3.2 describes. */
export function signV3(input: V3SignatureInput): V3Signature {
  const headers = collectV3Headers(input.headers, input.signedHeaders);
  const canonicalHeaders = [...headers].map(([name, value]) => `${name}:${value}\n`).join('');
  const signedHeaders = [...headers.keys()].join(';');
  const canonicalRequest = [
    input.method,
    input.pathname,
    canonicalizeV3Query(input.query),
    canonicalHeaders,
    signedHeaders,
    input.payloadHash,
  ].join('\n');
  const hashedCanonicalRequest = sha256Hex(canonicalRequest);
  const stringToSign = `${ACS3_ALGORITHM}\n${hashedCanonicalRequest}`;
  const signature = hmacSha256Hex(input.accessKeySecret, stringToSign);
  const authorization = `${ACS3_ALGORITHM} Credential=${input.accessKeyId},SignedHeaders=${signedHeaders},Signature=${signature}`;
  return { canonicalRequest, hashedCanonicalRequest, stringToSign, signedHeaders, signature, authorization };
}
