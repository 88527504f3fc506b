// Signature V1.0 (HMAC-SHA1) for Alibaba Cloud RPC requests (docs/kms.md §3.1).
import { canonicalQuery, paramPairs, percentEncode, type ParamList } from './percent-encode.js';
import { hmacSha1Base64 } from './webcrypto.js';

/** An RPC V1 signature and its intermediate strings. */
export interface V1SignatureParts {
  /** All parameters except `Signature`, percent-encoded, sorted, joined by `&`. */
  readonly canonicalizedQueryString: string;
  /** `METHOD&%2F&percentEncode(canonicalizedQueryString)`. */
  readonly stringToSign: string;
  /** base64(HMAC-SHA1(secret + '&', stringToSign)). */
  readonly signature: string;
}

/**
 * Computes the V1 signature of an RPC request. `params` must hold every parameter sent (common ones,
 * action ones, form-body ones), empty values included, and no `Signature`; pairs may repeat a name.
 *
 * @example
 * ```ts
 * import { signV1 } from '@oss-cse/kms';
 * declare const params: Record<string, string>;
 * const { signature } = await signV1({ method: 'POST', params, accessKeySecret: 'testsecret' });
 * ```
 */
export async function signV1(options: {
  method: string;
  params: ParamList;
  accessKeySecret: string;
}): Promise<V1SignatureParts> {
  if (paramPairs(options.params).some(([name]) => name === 'Signature'))
    throw new RangeError('"params" must not contain Signature');
  const canonicalizedQueryString = canonicalQuery(options.params);
  const stringToSign = `${options.method}&${percentEncode('/')}&${percentEncode(canonicalizedQueryString)}`;
  const signature = await hmacSha1Base64(`${options.accessKeySecret}&`, stringToSign);
  return { canonicalizedQueryString, stringToSign, signature };
}
