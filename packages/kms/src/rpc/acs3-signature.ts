// Signature V3 (ACS3-HMAC-SHA256) for Alibaba Cloud RPC requests (docs/kms.md §3.2).
import { compareCodePoints, percentEncode } from './percent-encode.js';
import { hmacSha256Hex, sha256Hex } from './webcrypto.js';

/** The ACS3 signature algorithm name. */
export const ACS3_ALGORITHM = 'ACS3-HMAC-SHA256';

/** An ACS3 signature and its intermediate strings (for tests and diagnosis). */
export interface Acs3SignatureParts {
  /** The canonical request. */
  readonly canonicalRequest: string;
  /** Hex SHA-256 of the canonical request. */
  readonly hashedCanonicalRequest: string;
  /** The string to sign. */
  readonly stringToSign: string;
  /** Hex HMAC-SHA256 signature. */
  readonly signature: string;
  /** The signed header names, `;`-separated. */
  readonly signedHeaders: string;
  /** The `Authorization` header value. */
  readonly authorization: string;
}

function isSigned(name: string): boolean {
  return name === 'host' || name === 'content-type' || name.startsWith('x-acs-');
}

/** Signed headers: lower-cased, sorted; duplicates (by case) merged with their values sorted and joined by `,`. */
function canonicalHeaders(headers: Readonly<Record<string, string>>): { block: string; names: string } {
  const merged = new Map<string, string[]>();
  for (const [rawName, value] of Object.entries(headers)) {
    const name = rawName.toLowerCase();
    if (!isSigned(name)) continue;
    const list = merged.get(name) ?? [];
    list.push(value.trim());
    merged.set(name, list);
  }
  const names = [...merged.keys()].sort(compareCodePoints);
  const block = names.map((n) => `${n}:${merged.get(n)!.sort(compareCodePoints).join(',')}\n`).join('');
  return { block, names: names.join(';') };
}

/**
 * Computes the ACS3-HMAC-SHA256 signature. `headers` are the headers to send (only `host`, `content-type` and
 * `x-acs-*` are signed); `payloadHash` is `x-acs-content-sha256` (hex SHA-256 of the body).
 *
 * @example
 * ```ts
 * import { signAcs3 } from '@oss-cse/kms';
 * declare const query: Record<string, string>, headers: Record<string, string>, payloadHash: string;
 * declare const accessKeyId: string, accessKeySecret: string;
 * const { authorization } = await signAcs3({
 *   method: 'POST', pathname: '/', query, headers, payloadHash, accessKeyId, accessKeySecret,
 * });
 * ```
 */
export async function signAcs3(options: {
  method: string;
  pathname: string;
  query: Readonly<Record<string, string>>;
  headers: Readonly<Record<string, string>>;
  payloadHash: string;
  accessKeyId: string;
  accessKeySecret: string;
}): Promise<Acs3SignatureParts> {
  const query = Object.keys(options.query)
    .sort(compareCodePoints)
    .map((k) => `${k}=${percentEncode(options.query[k]!)}`)
    .join('&');
  const { block, names } = canonicalHeaders(options.headers);
  const canonicalRequest = [options.method, options.pathname, query, block, names, options.payloadHash].join('\n');
  const hashedCanonicalRequest = await sha256Hex(canonicalRequest);
  const stringToSign = `${ACS3_ALGORITHM}\n${hashedCanonicalRequest}`;
  const signature = await hmacSha256Hex(options.accessKeySecret, stringToSign);
  const authorization = `${ACS3_ALGORITHM} Credential=${options.accessKeyId},SignedHeaders=${names},Signature=${signature}`;
  return { canonicalRequest, hashedCanonicalRequest, stringToSign, signature, signedHeaders: names, authorization };
}
