import { loadVector } from '@oss-cse/test-vectors';
import { describe, expect, it } from 'vitest';
import { hmacSha1Base64, sha256Hex } from './crypto-util.js';
import { signV1 } from './v1-signature.js';
import { signV3 } from './v3-signature.js';

interface Vector {
  id: string;
  algorithm: 'v1_hmac_sha1' | 'v3_acs3_hmac_sha256' | 'hmac_sha1_base64';
  method?: string;
  params?: Record<string, string>;
  accessKeyId?: string;
  accessKeySecret?: string;
  pathname?: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: string;
  payloadHash?: string;
  stringToSign?: string;
  key?: string;
  expected: Record<string, string>;
  docPrintedButWrong?: { stringToSign: string; signature: string };
}

const file = await loadVector<{ vectors: Vector[] }>('signing', 'kms-signing');
const byAlgorithm = (algorithm: Vector['algorithm']) => file.vectors.filter((v) => v.algorithm === algorithm);

describe('kms-signing.json', () => {
  it('holds the 18 documented vectors', () => {
    expect(file.vectors).toHaveLength(18);
  });

  it.each(byAlgorithm('v1_hmac_sha1').map((v) => [v.id, v] as const))('V1 %s', (_id, v) => {
    const got = signV1({ method: v.method ?? '', params: v.params ?? {}, accessKeySecret: v.accessKeySecret ?? '' });
    expect(got.signature).toBe(v.expected['signature']);
    expect(got.stringToSign).toBe(v.expected['stringToSign']);
    if (v.expected['canonicalizedQueryString']) {
      expect(got.canonicalizedQueryString).toBe(v.expected['canonicalizedQueryString']);
    }
    if (v.docPrintedButWrong) {
      expect(got.stringToSign).not.toBe(v.docPrintedButWrong.stringToSign);
      expect(got.signature).not.toBe(v.docPrintedButWrong.signature);
    }
  });

  it.each(byAlgorithm('v3_acs3_hmac_sha256').map((v) => [v.id, v] as const))('ACS3 %s', (_id, v) => {
    const got = signV3({
      method: v.method ?? '',
      pathname: v.pathname ?? '',
      query: v.query ?? {},
      headers: v.headers ?? {},
      payloadHash: v.payloadHash ?? sha256Hex(v.body ?? ''),
      accessKeyId: v.accessKeyId ?? '',
      accessKeySecret: v.accessKeySecret ?? '',
    });
    if (v.expected['payloadHash'] !== undefined) expect(sha256Hex(v.body ?? '')).toBe(v.expected['payloadHash']);
    for (const field of [
      'canonicalRequest',
      'hashedCanonicalRequest',
      'stringToSign',
      'signature',
      'authorization',
    ] as const) {
      if (v.expected[field] !== undefined) expect(got[field], field).toBe(v.expected[field]);
    }
  });

  it('has the documentation mis-print for doc-kms-CreateKey and does not produce it', () => {
    const v = file.vectors.find((x) => x.id === 'doc-kms-CreateKey');
    expect(v?.docPrintedButWrong?.signature).toBe('s/OdVWMTmNGagvWlljdAJ7Itsew=');
    expect(v?.expected['signature']).toBe('41wk2SSX1GJh7fwnc5eqOfiJPFg=');
  });

  it.each(byAlgorithm('hmac_sha1_base64').map((v) => [v.id, v] as const))('HMAC primitive %s', (_id, v) => {
    expect(hmacSha1Base64(v.key ?? '', v.stringToSign ?? '')).toBe(v.expected['signature']);
  });
});
