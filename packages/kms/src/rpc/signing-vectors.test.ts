// Every vector of kms-signing.json, through the public signers and through buildSignedRequest (Node + Chromium).
import { loadVector } from '@oss-cse/test-vectors';
import { describe, expect, it } from 'vitest';
import { signAcs3 } from './acs3-signature.js';
import { buildSignedRequest } from './signed-request.js';
import { signV1 } from './v1-signature.js';
import { hmacSha1Base64, sha256Hex } from './webcrypto.js';

interface Vector {
  id: string;
  algorithm: 'v1_hmac_sha1' | 'v3_acs3_hmac_sha256' | 'hmac_sha1_base64';
  method?: string;
  params?: Record<string, string>;
  pathname?: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: string;
  payloadHash?: string;
  accessKeyId?: string;
  accessKeySecret?: string;
  key?: string;
  stringToSign?: string;
  endpoint?: string;
  expected: Record<string, string>;
}

const file = await loadVector<{ vectors: Vector[] }>('signing', 'kms-signing');
const byAlgorithm = (a: Vector['algorithm']) => file.vectors.filter((v) => v.algorithm === a);

describe('kms-signing.json', () => {
  it('has the 18 vectors docs/kms.md §3.3 lists', () => {
    expect(file.vectors).toHaveLength(18);
  });

  it.each(byAlgorithm('v1_hmac_sha1').map((v) => [v.id, v] as const))('V1 %s', async (_id, v) => {
    const parts = await signV1({ method: v.method!, params: v.params!, accessKeySecret: v.accessKeySecret! });
    if (v.expected['canonicalizedQueryString'] !== undefined) {
      expect(parts.canonicalizedQueryString).toBe(v.expected['canonicalizedQueryString']);
    }
    expect(parts.stringToSign).toBe(v.expected['stringToSign']);
    expect(parts.signature).toBe(v.expected['signature']);
  });

  it.each(byAlgorithm('hmac_sha1_base64').map((v) => [v.id, v] as const))('HMAC primitive %s', async (_id, v) => {
    expect(await hmacSha1Base64(v.key!, v.stringToSign!)).toBe(v.expected['signature']);
  });

  it.each(byAlgorithm('v3_acs3_hmac_sha256').map((v) => [v.id, v] as const))('ACS3 %s', async (_id, v) => {
    const payloadHash = v.payloadHash ?? (await sha256Hex(v.body ?? ''));
    if (v.expected['payloadHash'] !== undefined) expect(payloadHash).toBe(v.expected['payloadHash']);
    const parts = await signAcs3({
      method: v.method!,
      pathname: v.pathname!,
      query: v.query!,
      headers: v.headers!,
      payloadHash,
      accessKeyId: v.accessKeyId!,
      accessKeySecret: v.accessKeySecret!,
    });
    expect(parts.canonicalRequest).toBe(v.expected['canonicalRequest']);
    if (v.expected['hashedCanonicalRequest'] !== undefined)
      expect(parts.hashedCanonicalRequest).toBe(v.expected['hashedCanonicalRequest']);
    if (v.expected['stringToSign'] !== undefined) expect(parts.stringToSign).toBe(v.expected['stringToSign']);
    if (v.expected['signature'] !== undefined) expect(parts.signature).toBe(v.expected['signature']);
    expect(parts.authorization).toBe(v.expected['authorization']);
  });
});

describe('buildSignedRequest reproduces the KMS vectors as a client sends them', () => {
  const common = new Set([
    'AccessKeyId',
    'Action',
    'Format',
    'SignatureMethod',
    'SignatureNonce',
    'SignatureVersion',
    'Timestamp',
    'Version',
    'SecurityToken',
  ]);

  it.each(
    byAlgorithm('v1_hmac_sha1')
      .filter((v) => v.id.startsWith('kms-v1-'))
      .map((v) => [v.id, v] as const),
  )('V1 %s', async (_id, v) => {
    const p = v.params!;
    const actionParams = Object.fromEntries(Object.entries(p).filter(([k]) => !common.has(k)));
    const request = await buildSignedRequest({
      endpoint: new URL(`https://${v.endpoint}/`),
      version: p['Version']!,
      action: p['Action']!,
      params: actionParams,
      credentials: {
        accessKeyId: p['AccessKeyId']!,
        accessKeySecret: v.accessKeySecret!,
        securityToken: p['SecurityToken'],
      },
      signatureVersion: 'v1',
      method: v.method as 'GET' | 'POST',
      now: new Date(p['Timestamp']!),
      nonce: p['SignatureNonce']!,
    });
    const url = new URL(request.url);
    expect(url.host).toBe(v.endpoint);
    // GET carries the parameters in the URL; POST (what the client sends) in a form body, the URL bare.
    const sent = v.method === 'GET' ? url.searchParams : new URLSearchParams(request.body);
    if (v.method === 'POST')
      expect([url.search, request.headers['content-type']]).toEqual(['', 'application/x-www-form-urlencoded']);
    expect(Object.fromEntries(sent)).toEqual({ ...p, Signature: v.expected['signature'] });
  });

  // The client POSTs the action's parameters as a form body: the vector signed that way (the query ones go
  // through signAcs3 above).
  it.each(
    byAlgorithm('v3_acs3_hmac_sha256')
      .filter((v) => v.id.startsWith('kms-v3-') && v.body !== '')
      .map((v) => [v.id, v] as const),
  )('ACS3 %s', async (_id, v) => {
    const h = v.headers!;
    const request = await buildSignedRequest({
      endpoint: new URL(`https://${h['host']}/`),
      version: h['x-acs-version']!,
      action: h['x-acs-action']!,
      params: Object.fromEntries(new URLSearchParams(v.body)),
      credentials: {
        accessKeyId: v.accessKeyId!,
        accessKeySecret: v.accessKeySecret!,
        securityToken: h['x-acs-security-token'],
      },
      signatureVersion: 'acs3',
      method: 'POST',
      now: new Date(h['x-acs-date']!),
      nonce: h['x-acs-signature-nonce']!,
    });
    expect(request.headers['authorization']).toBe(v.expected['authorization']);
    expect([new URL(request.url).search, request.body]).toEqual(['', v.body]);
  });
});
