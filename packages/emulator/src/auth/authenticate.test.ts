import { describe, expect, it } from 'vitest';
import { loadVector } from '@oss-cse/test-vectors';
import { OssErrors } from '../errors/catalog.js';
import { isOssError } from '../errors/oss-error.js';
import { resolveTarget } from '../server/addressing.js';
import { QueryParams } from '../server/query.js';
import { authenticate, type CredentialResolver } from './authenticate.js';
import type { SignedRequest } from './signed-request.js';
import { v1StringToSign } from './v1.js';
import { v4AdditionalHeaders, v4CanonicalRequest } from './v4.js';

type Headers = Record<string, string>;
interface V1Header {
  name: string;
  accessKeyId: string;
  accessKeySecret: string;
  method: string;
  bucket: string;
  key: string | null;
  decodedQuery: [string, string | null][];
  headers: Headers;
  expected: { stringToSign: string; authorization: string };
}
interface V1Query {
  name: string;
  accessKeyId: string;
  accessKeySecret: string;
  securityToken: string | null;
  method: string;
  bucket: string;
  key: string;
  expires: number;
  headersSentWithRequest: Headers;
  decodedQueryBeforeSigning: [string, string][];
  expected: { stringToSign_derived: string; signature: string };
}
interface V4Header {
  name: string;
  accessKeyId: string;
  accessKeySecret: string;
  region: string;
  signTimeUnix: number;
  method: string;
  bucket: string;
  key: string;
  rawQuery: string;
  headers: Headers;
  expected: { canonicalRequest_derived: string; authorization: string };
}
interface V4Query {
  name: string;
  accessKeyId: string;
  accessKeySecret: string;
  region: string;
  signTimeUnix: number;
  method: string;
  bucket: string;
  key: string;
  headersSentWithRequest: Headers;
  additionalHeadersRequested: string[];
  rawQueryBeforeSignature_derived: string;
  expected: { canonicalRequest_derived: string; 'x-oss-signature': string };
}
interface Captured {
  op: string;
  method: string;
  pathAndQuery: string;
  headers: Headers;
  expected: { scheme: string; stringToSign: string; canonicalRequest?: string };
}
interface SigningVectors {
  v1_header: V1Header[];
  v1_query: V1Query[];
  v4_header: V4Header[];
  v4_query: V4Query[];
  alioss_generated: { requests: Captured[] };
}

const vectors = await loadVector<SigningVectors>('signing', 'oss-signing');

const lower = (h: Headers): Headers => Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toLowerCase(), v]));
const resolver =
  (ak: string, sk: string): CredentialResolver =>
  (id, token) => {
    if (id !== ak) throw OssErrors.invalidAccessKeyId(id);
    return { accessKeySecret: sk, temporary: token !== undefined };
  };
const at = (ms: number) => ({ now: () => ms });

function expectOssCode(fn: () => unknown, code: string): void {
  let caught: unknown;
  try {
    fn();
  } catch (err) {
    caught = err;
  }
  expect(isOssError(caught) ? caught.code : caught).toBe(code);
}

describe('signature verification against the signing vectors', () => {
  it.each(vectors.v1_header.map((v) => [v.name, v] as const))('V1 header %s', (_, v) => {
    const req: SignedRequest = {
      method: v.method,
      bucket: v.bucket,
      ...(v.key !== null ? { key: v.key } : {}),
      query: new QueryParams(v.decodedQuery.map(([k, val]) => [k, val ?? ''] as const)),
      headers: { ...lower(v.headers), authorization: v.expected.authorization },
    };
    expect(v1StringToSign(req, req.headers['x-oss-date'] as string)).toBe(v.expected.stringToSign);
    const principal = authenticate(req, {
      clock: at(Date.parse(v.headers['x-oss-date'] as string)),
      region: 'cn-hangzhou',
      resolveCredential: resolver(v.accessKeyId, v.accessKeySecret),
    });
    expect(principal).toMatchObject({ kind: 'account', accessKeyId: v.accessKeyId });
  });

  it.each(vectors.v1_query.map((v) => [v.name, v] as const))('V1 query %s', (_, v) => {
    const pairs: [string, string][] = [
      ...v.decodedQueryBeforeSigning,
      ['OSSAccessKeyId', v.accessKeyId],
      ['Expires', String(v.expires)],
      ['Signature', v.expected.signature],
    ];
    if (v.securityToken) pairs.push(['security-token', v.securityToken]);
    const req: SignedRequest = {
      method: v.method,
      bucket: v.bucket,
      key: v.key,
      query: new QueryParams(pairs),
      headers: lower(v.headersSentWithRequest),
    };
    expect(v1StringToSign(req, String(v.expires))).toBe(v.expected.stringToSign_derived);
    const options = {
      clock: at(v.expires * 1000 - 60_000),
      region: 'cn-hangzhou',
      resolveCredential: resolver(v.accessKeyId, v.accessKeySecret),
    };
    expect(authenticate(req, options).kind).toBe(v.securityToken ? 'temporary' : 'account');
    expectOssCode(() => authenticate(req, { ...options, clock: at(v.expires * 1000 + 1000) }), 'AccessDenied');
  });

  it.each(vectors.v4_header.map((v) => [v.name, v] as const))('V4 header %s', (_, v) => {
    const req: SignedRequest = {
      method: v.method,
      bucket: v.bucket,
      key: v.key,
      query: QueryParams.parse(v.rawQuery),
      headers: { ...lower(v.headers), authorization: v.expected.authorization },
    };
    const additional = /AdditionalHeaders=([^,]*)/.exec(v.expected.authorization)?.[1]?.split(';') ?? [];
    expect(v4CanonicalRequest(req, v4AdditionalHeaders(req.headers, additional))).toBe(
      v.expected.canonicalRequest_derived,
    );
    const options = {
      clock: at(v.signTimeUnix * 1000),
      region: v.region,
      resolveCredential: resolver(v.accessKeyId, v.accessKeySecret),
    };
    expect(authenticate(req, options).kind).not.toBe('anonymous');
    expectOssCode(
      () => authenticate(req, { ...options, clock: at(v.signTimeUnix * 1000 + 16 * 60_000) }),
      'RequestTimeTooSkewed',
    );
    expectOssCode(
      () => authenticate(req, { ...options, resolveCredential: resolver(v.accessKeyId, 'other') }),
      'SignatureDoesNotMatch',
    );
  });

  it.each(vectors.v4_query.map((v) => [v.name, v] as const))('V4 query %s', (_, v) => {
    const raw = `${v.rawQueryBeforeSignature_derived}&x-oss-signature=${v.expected['x-oss-signature']}`;
    const req: SignedRequest = {
      method: v.method,
      bucket: v.bucket,
      key: v.key,
      query: QueryParams.parse(raw),
      headers: lower(v.headersSentWithRequest),
    };
    const additional = v4AdditionalHeaders(req.headers, v.additionalHeadersRequested);
    expect(v4CanonicalRequest(req, additional, ['x-oss-signature'])).toBe(v.expected.canonicalRequest_derived);
    const options = {
      clock: at(v.signTimeUnix * 1000),
      region: v.region,
      resolveCredential: resolver(v.accessKeyId, v.accessKeySecret),
    };
    expect(authenticate(req, options).kind).not.toBe('anonymous');
    expectOssCode(() => authenticate(req, { ...options, clock: at(v.signTimeUnix * 1000 + 700_000) }), 'AccessDenied');
  });

  it('verifies all 54 captured ali-oss requests', () => {
    const requests = vectors.alioss_generated.requests;
    expect(requests).toHaveLength(54);
    const options = {
      clock: at(Date.parse('2024-01-02T03:04:05Z')),
      region: 'cn-hangzhou',
      resolveCredential: resolver('test-ak', 'test-secret'),
    };
    for (const r of requests) {
      const target = resolveTarget(r.pathAndQuery, 'localhost:40629');
      const req: SignedRequest = {
        method: r.method,
        ...(target.bucket !== undefined ? { bucket: target.bucket } : {}),
        ...(target.key !== undefined ? { key: target.key } : {}),
        query: target.query,
        headers: lower(r.headers),
      };
      const principal = authenticate(req, options);
      expect(principal.kind, r.op).toBe(r.op.includes('+sts') ? 'temporary' : 'account');
      // A tampered header must break every header-signed request.
      if (r.headers.authorization) {
        expectOssCode(
          () =>
            authenticate(
              {
                ...req,
                headers: {
                  ...req.headers,
                  'x-oss-date': req.headers['x-oss-date']!.replace('03:04:05', '03:04:06').replace(
                    'T030405Z',
                    'T030406Z',
                  ),
                },
              },
              options,
            ),
          'SignatureDoesNotMatch',
        );
      }
    }
  });

  it('verifies the raw ali-oss capture with all its transport headers, and the generated presigned GET URLs', async () => {
    interface Raw {
      op: string;
      method?: string;
      url: string;
      headers?: Headers;
      bodyIfXml?: string;
    }
    const raw = await loadVector<{ requests: Raw[] }>('signing', 'alioss-captured');
    const options = {
      clock: at(Date.parse('2024-01-02T03:04:05Z')),
      region: 'cn-hangzhou',
      resolveCredential: resolver('test-ak', 'test-secret'),
    };
    let verified = 0;
    for (const r of raw.requests) {
      const generatedGet = r.headers === undefined && r.op.includes('(GET');
      if (r.headers === undefined && !generatedGet) continue;
      const url = new URL(r.url, 'http://localhost:40629');
      const target = resolveTarget(`${url.pathname}${url.search}`, r.headers?.host ?? url.host);
      const req: SignedRequest = {
        method: r.method ?? 'GET',
        bucket: target.bucket as string,
        ...(target.key !== undefined ? { key: target.key } : {}),
        query: target.query,
        headers: lower(r.headers ?? {}),
      };
      expect(authenticate(req, options).kind, r.op).not.toBe('anonymous');
      verified++;
    }
    expect(verified).toBe(60 - 2);
  });

  it('rejects unknown keys, malformed headers and treats unsigned requests as anonymous', () => {
    const base: SignedRequest = {
      method: 'GET',
      bucket: 'b',
      key: 'k',
      query: new QueryParams([]),
      headers: { 'x-oss-date': 'Tue, 02 Jan 2024 03:04:05 GMT' },
    };
    const options = {
      clock: at(Date.parse('2024-01-02T03:04:05Z')),
      region: 'cn-hangzhou',
      resolveCredential: resolver('ak', 'sk'),
    };
    expect(authenticate(base, options)).toEqual({ kind: 'anonymous' });
    expectOssCode(
      () => authenticate({ ...base, headers: { ...base.headers, authorization: 'OSS nobody:abc=' } }, options),
      'InvalidAccessKeyId',
    );
    expectOssCode(
      () => authenticate({ ...base, headers: { ...base.headers, authorization: 'Bearer x' } }, options),
      'InvalidArgument',
    );
  });
});
