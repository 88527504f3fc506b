// Every vector of oss-signing.json that a client signs (SDK unit-test vectors and the 54 requests captured from
// ali-oss 6.23.0), recomputed by the fetch transport's signers, in Node and in Chromium. Vectors are data.
import { loadVector } from '@oss-cse/test-vectors';
import { describe, expect, it } from 'vitest';
import { createAddressing } from './addressing.js';
import { createFetchTransport } from './fetch-transport.js';
import type { QueryPairs } from './signing-request.js';
import { signRequest } from './sign-request.js';
import { presignV1, signV1 } from './sign-v1.js';
import { presignV4, signV4, v4SigningKey } from './sign-v4.js';
import { toHex } from '@oss-cse/core';

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
  expected: { stringToSign_derived: string; signature: string; url?: string; signatureQueryValue?: string };
}
interface V4Header {
  name: string;
  accessKeyId: string;
  accessKeySecret: string;
  securityToken: string | null;
  region: string;
  method: string;
  bucket: string;
  key: string;
  rawQuery: string;
  headers: Headers;
  additionalHeadersRequested: string[];
  expected: {
    canonicalRequest_derived: string;
    stringToSign_derived: string;
    signingKeyHex_derived: string;
    authorization: string;
  };
}
interface V4Query {
  name: string;
  accessKeyId: string;
  accessKeySecret: string;
  securityToken: string | null;
  region: string;
  signTimeUnix: number;
  expirationUnix: number;
  method: string;
  bucket: string;
  key: string;
  headersSentWithRequest: Headers;
  additionalHeadersRequested: string[];
  rawQueryBeforeSignature_derived: string;
  expected: {
    canonicalRequest_derived: string;
    stringToSign_derived: string;
    'x-oss-signature': string;
    'x-oss-date': string;
    'x-oss-expires': string;
  };
}
interface Captured {
  op: string;
  method: string;
  pathAndQuery: string;
  headers: Headers;
  expected: { scheme: 'V1' | 'V4' | 'V1-query' | 'V4-query'; stringToSign: string; canonicalRequest?: string };
}
interface SigningVectors {
  v1_header: V1Header[];
  v1_query: V1Query[];
  v4_header: V4Header[];
  v4_query: V4Query[];
  alioss_generated: { note: string; requests: Captured[] };
}

const vectors = await loadVector<SigningVectors>('signing', 'oss-signing');

/** `a=1&b=` → [['a','1'],['b','']] (percent-decoded, in order). */
function decodeQuery(raw: string): [string, string][] {
  if (raw === '') return [];
  return raw.split('&').map((pair) => {
    const eq = pair.indexOf('=');
    return eq < 0
      ? [decodeURIComponent(pair), '']
      : [decodeURIComponent(pair.slice(0, eq)), decodeURIComponent(pair.slice(eq + 1))];
  });
}

/** `/bucket/dir/a%20b?x=1` → bucket, decoded key (undefined for bucket requests) and the decoded query in order. */
function parsePathAndQuery(pathAndQuery: string): {
  bucket: string;
  key: string | undefined;
  query: [string, string][];
} {
  const q = pathAndQuery.indexOf('?');
  const path = (q < 0 ? pathAndQuery : pathAndQuery.slice(0, q)).slice(1);
  const slash = path.indexOf('/');
  const key = decodeURIComponent(path.slice(slash + 1));
  return {
    bucket: path.slice(0, slash),
    key: key === '' ? undefined : key,
    query: decodeQuery(q < 0 ? '' : pathAndQuery.slice(q + 1)),
  };
}

const without = (h: Headers, names: readonly string[]): Headers =>
  Object.fromEntries(Object.entries(h).filter(([k]) => !names.includes(k.toLowerCase())));
const sortedParams = (url: string) => [...new URL(url).searchParams].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

describe('oss-signing.json: SDK vectors', () => {
  it('has the 13 SDK vectors docs/oss-api.md §7 lists', () => {
    expect(
      vectors.v1_header.length + vectors.v1_query.length + vectors.v4_header.length + vectors.v4_query.length,
    ).toBe(13);
  });

  it.each(vectors.v1_header.map((v) => [v.name, v] as const))('V1 header %s', async (_, v) => {
    const signed = await signV1(
      {
        method: v.method,
        bucket: v.bucket,
        key: v.key ?? undefined,
        query: v.decodedQuery.map(([k, val]) => [k, val ?? '']),
        headers: v.headers,
      },
      { accessKeyId: v.accessKeyId, accessKeySecret: v.accessKeySecret },
    );
    expect(signed.stringToSign).toBe(v.expected.stringToSign);
    expect(signed.authorization).toBe(v.expected.authorization);
  });

  it.each(vectors.v1_query.map((v) => [v.name, v] as const))('V1 presigned %s', async (_, v) => {
    const credentials = {
      accessKeyId: v.accessKeyId,
      accessKeySecret: v.accessKeySecret,
      securityToken: v.securityToken ?? undefined,
    };
    const request = {
      method: v.method,
      bucket: v.bucket,
      key: v.key,
      query: v.decodedQueryBeforeSigning,
      headers: v.headersSentWithRequest,
    };
    const signed = await presignV1(request, { credentials, expires: v.expires });
    expect(signed.stringToSign).toBe(v.expected.stringToSign_derived);
    expect(signed.signature).toBe(v.expected.signature);
    if (v.expected.signatureQueryValue !== undefined) {
      expect(createAddressing({ bucket: v.bucket, region: 'cn-hangzhou' }).url(v.key, signed.query)).toContain(
        `Signature=${v.expected.signatureQueryValue}`,
      );
    }
    if (v.expected.url !== undefined) {
      const url = createAddressing({
        bucket: v.bucket,
        endpoint: new URL(v.expected.url).origin.replace(`${v.bucket}.`, ''),
      }).url(v.key, signed.query);
      expect(url.split('?')[0]).toBe(v.expected.url.split('?')[0]);
      expect(sortedParams(url)).toEqual(sortedParams(v.expected.url));
    }
  });

  it.each(vectors.v4_header.map((v) => [v.name, v] as const))('V4 header %s', async (_, v) => {
    const signed = await signV4(
      { method: v.method, bucket: v.bucket, key: v.key, query: decodeQuery(v.rawQuery), headers: v.headers },
      {
        credentials: { accessKeyId: v.accessKeyId, accessKeySecret: v.accessKeySecret },
        region: v.region,
        additionalHeaders: v.additionalHeadersRequested,
      },
    );
    expect(signed.canonicalRequest).toBe(v.expected.canonicalRequest_derived);
    expect(signed.stringToSign).toBe(v.expected.stringToSign_derived);
    expect(signed.authorization).toBe(v.expected.authorization);
    const day = v.headers['x-oss-date']!.slice(0, 8);
    expect(toHex(await v4SigningKey(v.accessKeySecret, day, v.region))).toBe(v.expected.signingKeyHex_derived);
  });

  it.each(vectors.v4_query.map((v) => [v.name, v] as const))('V4 presigned %s', async (_, v) => {
    const presignParams = /^x-oss-(credential|date|expires|signature-version|additional-headers|security-token)$/;
    const all = decodeQuery(v.rawQueryBeforeSignature_derived);
    const request = {
      method: v.method,
      bucket: v.bucket,
      key: v.key,
      query: all.filter(([k]) => !presignParams.test(k)),
      headers: v.headersSentWithRequest,
    };
    const signed = await presignV4(request, {
      credentials: {
        accessKeyId: v.accessKeyId,
        accessKeySecret: v.accessKeySecret,
        securityToken: v.securityToken ?? undefined,
      },
      region: v.region,
      now: new Date(v.signTimeUnix * 1000),
      expiresIn: v.expirationUnix - v.signTimeUnix,
      additionalHeaders: v.additionalHeadersRequested,
    });
    expect(signed.canonicalRequest).toBe(v.expected.canonicalRequest_derived);
    expect(signed.stringToSign).toBe(v.expected.stringToSign_derived);
    expect(signed.signature).toBe(v.expected['x-oss-signature']);
    const sort = (q: QueryPairs) => [...q].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    expect(sort(signed.query)).toEqual(sort([...all, ['x-oss-signature', v.expected['x-oss-signature']]]));
  });
});

describe('oss-signing.json: the requests captured from ali-oss 6.23.0', () => {
  const { note, requests } = vectors.alioss_generated;
  const secret = /SK=([^\s,]+)/.exec(note)![1]!;
  const now = new Date(/frozen at (\S+Z)/.exec(note)![1]!);
  const accessKeyId = /AK=([^\s,]+)/.exec(note)![1]!;
  const endpoint = 'http://localhost:9000';
  const signedHeaders = (r: Captured) => r.expected.scheme === 'V1' || r.expected.scheme === 'V4';

  it('has the 54 captured requests docs/oss-api.md §7 lists, signed with the noted key', () => {
    expect(requests).toHaveLength(54);
    expect(requests.filter(signedHeaders).every((r) => r.headers['authorization']!.includes(accessKeyId))).toBe(true);
  });

  it.each(requests.filter(signedHeaders).map((r) => [r.op, r] as const))(
    '%s: same headers, same Authorization, same URL',
    async (_, r) => {
      const { bucket, key, query } = parsePathAndQuery(r.pathAndQuery);
      const token = r.headers['x-oss-security-token'];
      const credentials = { accessKeyId, accessKeySecret: secret, securityToken: token };
      const request = {
        method: r.method,
        bucket,
        key,
        query,
        headers: without(r.headers, [
          'authorization',
          'content-length',
          'x-oss-date',
          'x-oss-content-sha256',
          'x-oss-security-token',
        ]),
      };
      const version = r.expected.scheme === 'V1' ? 'v1' : 'v4';
      const sent = await signRequest({ version, request, credentials, region: 'cn-hangzhou', now });
      expect(sent).toEqual(without(r.headers, ['content-length']));
      const pure = { ...request, headers: without(r.headers, ['authorization', 'content-length']) };
      if (version === 'v1') {
        expect((await signV1(pure, credentials)).stringToSign).toBe(r.expected.stringToSign);
      } else {
        const signed = await signV4(pure, { credentials, region: 'cn-hangzhou' });
        expect(signed.canonicalRequest).toBe(r.expected.canonicalRequest);
        expect(signed.stringToSign).toBe(r.expected.stringToSign);
      }
      expect(createAddressing({ bucket, endpoint }).url(key, query)).toBe(endpoint + r.pathAndQuery);
    },
  );

  it.each(requests.filter((r) => r.method === 'GET' && !signedHeaders(r)).map((r) => [r.op, r] as const))(
    '%s: presignGetObject gives the same URL',
    async (_, r) => {
      const { bucket, key, query } = parsePathAndQuery(r.pathAndQuery);
      const token = query.find(([k]) => k === 'security-token' || k === 'x-oss-security-token')?.[1];
      const expiresIn = Number(
        query.find(([k]) => k === 'x-oss-expires')?.[1] ??
          Number(query.find(([k]) => k === 'Expires')![1]) - now.getTime() / 1000,
      );
      const transport = createFetchTransport({
        bucket,
        endpoint,
        region: 'cn-hangzhou',
        signatureVersion: r.expected.scheme === 'V1-query' ? 'v1' : 'v4',
      });
      const url = await transport.presignGetObject(key!, {
        expiresIn,
        credentials: { accessKeyId, accessKeySecret: secret, securityToken: token },
        now,
      });
      expect(url).toBe(endpoint + r.pathAndQuery);
    },
  );

  it.each(
    requests.filter((r) => r.method === 'PUT' && r.expected.scheme === 'V1-query').map((r) => [r.op, r] as const),
  )('%s: presignV1 gives the same URL', async (_, r) => {
    const { bucket, key, query } = parsePathAndQuery(r.pathAndQuery);
    const token = query.find(([k]) => k === 'security-token')?.[1];
    const expires = Number(query.find(([k]) => k === 'Expires')![1]);
    const signed = await presignV1(
      { method: r.method, bucket, key, query: [], headers: without(r.headers, ['content-length']) },
      { credentials: { accessKeyId, accessKeySecret: secret, securityToken: token }, expires },
    );
    expect(signed.stringToSign).toBe(r.expected.stringToSign);
    expect(createAddressing({ bucket, endpoint }).url(key, signed.query)).toBe(endpoint + r.pathAndQuery);
  });
});
