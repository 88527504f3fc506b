import { hmacSha1Base64 } from './crypto-util.js';
import { byCodePoint, toPairs, type NameValues } from './pairs.js';
import { percentEncode } from './percent-encode.js';

/** Parameters as name/value pairs (empty values included; `Signature` is ignored). */
export type RpcParams = NameValues;

export interface V1SignatureInput {
  /** The real HTTP method (GET/POST). */
  method: string;
  params: RpcParams;
  accessKeySecret: string;
}

export interface V1Signature {
  canonicalizedQueryString: string;
  stringToSign: string;
  /** base64(HMAC-SHA1(secret + "&", stringToSign)). */
  signature: string;
}

/** Sorted `percentEncode(name)=percentEncode(value)` pairs joined by `&`, without `Signature`. */
export function canonicalizeV1Params(params: RpcParams): string {
  return toPairs(params)
    .filter(([name]) => name !== 'Signature')
    .sort(([a], [b]) => byCodePoint(a, b))
    .map(([name, value]) => `${percentEncode(name)}=${percentEncode(value)}`)
    .join('&');
}

/** Signature V1.0 (HMAC-SHA1) over all parameters, as docs/kms.md §3.1 describes. */
export function signV1(input: V1SignatureInput): V1Signature {
  const canonicalizedQueryString = canonicalizeV1Params(input.params);
  const stringToSign = `${input.method}&${percentEncode('/')}&${percentEncode(canonicalizedQueryString)}`;
  const signature = hmacSha1Base64(`${input.accessKeySecret}&`, stringToSign);
  return { canonicalizedQueryString, stringToSign, signature };
}
