import { randomUUID } from 'node:crypto';
import type { RpcRequest } from '../shared/contracts.js';
import { sha256Hex } from './crypto-util.js';
import { percentEncode } from './percent-encode.js';
import { formatRpcTimestamp } from './timestamp.js';
import { signV1 } from './v1-signature.js';
import { signV3 } from './v3-signature.js';

/** What a client needs to sign an RPC call (the emulator's tests use this as their client). */
export interface RpcCallOptions {
  action: string;
  version: string;
  /** Action parameters (decoded). */
  params?: Record<string, string>;
  accessKeyId: string;
  accessKeySecret: string;
  securityToken?: string;
  /** Signing time, epoch ms. */
  now: number;
  nonce?: string;
  method?: 'GET' | 'POST';
  host?: string;
  path?: string;
}

export interface V1CallOptions extends RpcCallOptions {
  /** `query` (aliyunsdkcore, openapi-client) or `form` (pop-core POST). Default `query`. */
  placement?: 'query' | 'form';
  format?: string;
}

export interface Acs3CallOptions extends RpcCallOptions {
  /** `query` (what the official SDK sends) or `form` (x-www-form-urlencoded body). Default `query`. */
  placement?: 'query' | 'form';
}

const FORM_TYPE = 'application/x-www-form-urlencoded';

function formEncode(params: Record<string, string>): string {
  return Object.entries(params)
    .map(([name, value]) => `${percentEncode(name)}=${percentEncode(value)}`)
    .join('&');
}

function baseHeaders(host: string): Record<string, string> {
  return { host, accept: 'application/json' };
}

/** Builds a Signature V1.0 (HMAC-SHA1) request. */
export function buildV1Request(options: V1CallOptions): RpcRequest {
  const method = options.method ?? 'POST';
  const params: Record<string, string> = {
    AccessKeyId: options.accessKeyId,
    Action: options.action,
    Format: options.format ?? 'JSON',
    SignatureMethod: 'HMAC-SHA1',
    SignatureNonce: options.nonce ?? randomUUID(),
    SignatureVersion: '1.0',
    Timestamp: formatRpcTimestamp(options.now),
    Version: options.version,
    ...options.params,
    ...(options.securityToken === undefined ? {} : { SecurityToken: options.securityToken }),
  };
  const { signature } = signV1({ method, params, accessKeySecret: options.accessKeySecret });
  const all = { ...params, Signature: signature };
  const headers = baseHeaders(options.host ?? 'localhost');
  const path = options.path ?? '/';
  if (options.placement === 'form') {
    return {
      method,
      path,
      query: new URLSearchParams(),
      headers: { ...headers, 'content-type': FORM_TYPE },
      body: Buffer.from(formEncode(all)),
    };
  }
  return { method, path, query: new URLSearchParams(all), headers, body: Buffer.alloc(0) };
}

/** Builds an ACS3-HMAC-SHA256 request (x-acs-* headers, Authorization). */
export function buildAcs3Request(options: Acs3CallOptions): RpcRequest {
  const method = options.method ?? 'POST';
  const path = options.path ?? '/';
  const form = options.placement === 'form';
  const params = options.params ?? {};
  const body = form ? Buffer.from(formEncode(params)) : Buffer.alloc(0);
  const query = form ? new URLSearchParams() : new URLSearchParams(params);
  const headers: Record<string, string> = {
    ...baseHeaders(options.host ?? 'localhost'),
    'x-acs-action': options.action,
    'x-acs-version': options.version,
    'x-acs-date': formatRpcTimestamp(options.now),
    'x-acs-signature-nonce': options.nonce ?? randomUUID(),
    'x-acs-content-sha256': sha256Hex(body),
    ...(form ? { 'content-type': FORM_TYPE } : {}),
    ...(options.securityToken === undefined
      ? {}
      : { 'x-acs-security-token': options.securityToken, 'x-acs-accesskey-id': options.accessKeyId }),
  };
  const signed = signV3({
    method,
    pathname: path,
    query: [...query],
    headers,
    payloadHash: headers['x-acs-content-sha256'] ?? '',
    accessKeyId: options.accessKeyId,
    accessKeySecret: options.accessKeySecret,
  });
  return { method, path, query, headers: { ...headers, authorization: signed.authorization }, body };
}
