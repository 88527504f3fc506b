// Builds one signed RPC request (V1 or ACS3) as a URL + fetch init; no I/O besides WebCrypto.
import type { KmsCredentials } from '../credentials/credentials.js';
import { signAcs3 } from './acs3-signature.js';
import { percentEncode } from './percent-encode.js';
import { signV1 } from './v1-signature.js';
import { popTimestamp, randomNonce, sha256Hex } from './webcrypto.js';

/** `v1` = HMAC-SHA1 over every parameter (relayable); `acs3` = ACS3-HMAC-SHA256 headers (signs the host). */
export type SignatureVersion = 'v1' | 'acs3';

/** The content type of a POST's parameters. */
export const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded';

/** Everything one signed KMS request is made of. */
export interface SignedRequestInput {
  /** The endpoint URL. */
  readonly endpoint: URL;
  /** The API version (`2016-01-20` for KMS). */
  readonly version: string;
  /** The RPC action (`Decrypt`, ...). */
  readonly action: string;
  /** The action's parameters. */
  readonly params: Readonly<Record<string, string>>;
  /** The credentials to sign with. */
  readonly credentials: KmsCredentials;
  /** `v1` or `acs3`. */
  readonly signatureVersion: SignatureVersion;
  /** `POST` (what the client sends): the parameters travel in the body. `GET` puts them in the URL. */
  readonly method: 'GET' | 'POST';
  /** The signing time. */
  readonly now: Date;
  /** The signature nonce (default: 16 random bytes, hex). */
  readonly nonce?: string;
}

/** A signed request, ready for `fetch`. */
export interface SignedRequest {
  /** The URL to send it to. */
  readonly url: string;
  /** The HTTP method. */
  readonly method: 'GET' | 'POST';
  /** The headers to send, signature headers included. */
  readonly headers: Record<string, string>;
  /** The `x-www-form-urlencoded` parameters of a POST; undefined for GET. */
  readonly body: string | undefined;
}

/** `name=value` pairs, percent-encoded, in the given order (a query string or a form body). */
function formEncode(params: Readonly<Record<string, string>>): string {
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

/** A POST carries `encoded` as its form body and a bare URL; a GET carries it in the URL. */
function placed(input: SignedRequestInput, encoded: string, headers: Record<string, string>): SignedRequest {
  if (input.method === 'GET')
    return { url: withQuery(input.endpoint, encoded), method: 'GET', headers, body: undefined };
  return {
    url: withQuery(input.endpoint, ''),
    method: 'POST',
    headers: { ...headers, 'content-type': FORM_CONTENT_TYPE },
    body: encoded,
  };
}

/**
 * Signs an RPC call. V1 signs the common parameters, the action's parameters and `SecurityToken`; ACS3 signs
 * `host` (the endpoint's), the path, the `x-acs-*` headers, `content-type` and the body's SHA-256. With POST
 * every parameter (with V1 also `Signature` and `SecurityToken`) is in the `x-www-form-urlencoded` body, so
 * proxies and relays that log URLs never see a data key, a passphrase or a token.
 *
 * @example
 * ```ts
 * import { buildSignedRequest, type KmsCredentials } from '@oss-cse/kms';
 * declare const credentials: KmsCredentials, blob: string;
 * const req = await buildSignedRequest({
 *   endpoint: new URL('https://kms.cn-hangzhou.aliyuncs.com/'),
 *   version: '2016-01-20',
 *   action: 'Decrypt',
 *   params: { CiphertextBlob: blob },
 *   credentials,
 *   signatureVersion: 'v1',
 *   method: 'POST',
 *   now: new Date(),
 * });
 * await fetch(req.url, { method: req.method, headers: req.headers, body: req.body });
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
    return placed(input, `${formEncode(params)}&Signature=${percentEncode(signature)}`, { accept: 'application/json' });
  }
  const encoded = formEncode(input.params);
  const post = input.method === 'POST';
  const payloadHash = await sha256Hex(post ? encoded : '');
  const headers: Record<string, string> = {
    'x-acs-action': input.action,
    'x-acs-version': input.version,
    'x-acs-date': popTimestamp(now),
    'x-acs-signature-nonce': nonce,
    'x-acs-content-sha256': payloadHash,
    ...(post ? { 'content-type': FORM_CONTENT_TYPE } : {}),
    ...(credentials.securityToken !== undefined
      ? { 'x-acs-security-token': credentials.securityToken, 'x-acs-accesskey-id': credentials.accessKeyId }
      : {}),
  };
  const { authorization } = await signAcs3({
    method: input.method,
    pathname: input.endpoint.pathname || '/',
    query: post ? {} : input.params,
    headers: { ...headers, host: input.endpoint.host },
    payloadHash,
    accessKeyId: credentials.accessKeyId,
    accessKeySecret: credentials.accessKeySecret,
  });
  return placed(input, encoded, { ...headers, authorization, accept: 'application/json' });
}
