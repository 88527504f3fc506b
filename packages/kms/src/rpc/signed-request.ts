// Builds one signed RPC request (V1 or ACS3) as a URL + fetch init; no I/O besides WebCrypto.
import type { KmsCredentials } from '../credentials/credentials.js';
import { signAcs3 } from './acs3-signature.js';
import { percentEncode } from './percent-encode.js';
import { signV1 } from './v1-signature.js';
import { popTimestamp, randomNonce, sha256Hex } from './webcrypto.js';

/** `v1` = HMAC-SHA1 with every parameter in the query (relayable); `acs3` = ACS3-HMAC-SHA256 headers. */
export type SignatureVersion = 'v1' | 'acs3';

export interface SignedRequestInput {
  readonly endpoint: URL;
  readonly version: string;
  readonly action: string;
  readonly params: Readonly<Record<string, string>>;
  readonly credentials: KmsCredentials;
  readonly signatureVersion: SignatureVersion;
  readonly method: 'GET' | 'POST';
  readonly now: Date;
  readonly nonce?: string;
}

export interface SignedRequest {
  readonly url: string;
  readonly method: 'GET' | 'POST';
  readonly headers: Record<string, string>;
}

function encodeQuery(params: Readonly<Record<string, string>>): string {
  return Object.entries(params)
    .map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`)
    .join('&');
}

function withQuery(endpoint: URL, query: string): string {
  const url = new URL(endpoint.href);
  url.search = query;
  url.hash = '';
  return url.href;
}

/**
 * Signs an RPC call. V1 puts the common parameters, the action's parameters and `Signature` in the query
 * string; ACS3 keeps the action's parameters in the query and signs `host` (the endpoint's), the path and
 * the `x-acs-*` headers.
 *
 * @example
 * ```ts
 * const req = await buildSignedRequest({ endpoint: new URL('https://kms.cn-hangzhou.aliyuncs.com/'), version: '2016-01-20',
 *   action: 'Decrypt', params: { CiphertextBlob: blob }, credentials, signatureVersion: 'v1', method: 'POST', now: new Date() });
 * await fetch(req.url, { method: req.method, headers: req.headers });
 * ```
 */
export async function buildSignedRequest(input: SignedRequestInput): Promise<SignedRequest> {
  const { credentials, now } = input;
  const nonce = input.nonce ?? randomNonce();
  if (input.signatureVersion === 'v1') {
    const params: Record<string, string> = {
      Action: input.action,
      Version: input.version,
      Format: 'JSON',
      AccessKeyId: credentials.accessKeyId,
      SignatureMethod: 'HMAC-SHA1',
      SignatureVersion: '1.0',
      SignatureNonce: nonce,
      Timestamp: popTimestamp(now),
      ...(credentials.securityToken !== undefined ? { SecurityToken: credentials.securityToken } : {}),
      ...input.params,
    };
    const { signature } = await signV1({ method: input.method, params, accessKeySecret: credentials.accessKeySecret });
    const query = `${encodeQuery(params)}&Signature=${percentEncode(signature)}`;
    return { url: withQuery(input.endpoint, query), method: input.method, headers: { accept: 'application/json' } };
  }
  const payloadHash = await sha256Hex('');
  const headers: Record<string, string> = {
    'x-acs-action': input.action,
    'x-acs-version': input.version,
    'x-acs-date': popTimestamp(now),
    'x-acs-signature-nonce': nonce,
    'x-acs-content-sha256': payloadHash,
    ...(credentials.securityToken !== undefined
      ? { 'x-acs-security-token': credentials.securityToken, 'x-acs-accesskey-id': credentials.accessKeyId }
      : {}),
  };
  const { authorization } = await signAcs3({
    method: input.method,
    pathname: input.endpoint.pathname || '/',
    query: input.params,
    headers: { ...headers, host: input.endpoint.host },
    payloadHash,
    accessKeyId: credentials.accessKeyId,
    accessKeySecret: credentials.accessKeySecret,
  });
  return {
    url: withQuery(input.endpoint, encodeQuery(input.params)),
    method: input.method,
    headers: { ...headers, authorization, accept: 'application/json' },
  };
}
