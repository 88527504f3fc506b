import { loadVector } from '@oss-cse/test-vectors';
import { describe, expect, it } from 'vitest';
import type { RpcRequest } from '../shared/contracts.js';
import { createRpcAuthenticator } from './authenticate.js';
import { RpcError, accessKeyNotFound } from './errors.js';
import { percentEncode } from './percent-encode.js';
import { buildAcs3Request, buildV1Request } from './signer.js';
import { ManualClock } from '../../test/support/rpc-doubles.js';
import { formatRpcTimestamp } from './timestamp.js';
import { signV1 } from './v1-signature.js';
import { signV3 } from './v3-signature.js';

interface Vector {
  id: string;
  algorithm: string;
  method: string;
  params?: Record<string, string>;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: string;
  accessKeySecret: string;
  expected: Record<string, string>;
}

const T0 = Date.parse('2024-01-02T03:04:05Z');
const vectors = (await loadVector<{ vectors: Vector[] }>('signing', 'kms-signing')).vectors.filter((v) =>
  v.id.startsWith('kms-'),
);
const tokens: Array<string | undefined> = [];

function authenticator(clock = new ManualClock(T0)) {
  return createRpcAuthenticator({
    clock,
    resolveCaller: (accessKeyId, securityToken) => {
      tokens.push(securityToken);
      if (accessKeyId !== 'testid') throw accessKeyNotFound();
      return { accessKeyId, accessKeySecret: 'testsecret' };
    },
  });
}

function failure(run: () => unknown): [string, number] | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    if (error instanceof RpcError) return [error.code, error.status];
    throw error;
  }
}

function v1RequestFromVector(v: Vector): RpcRequest {
  const all = { ...v.params, Signature: v.expected['signature'] ?? '' };
  const body = Object.entries(all)
    .map(([k, val]) => `${percentEncode(k)}=${percentEncode(val)}`)
    .join('&');
  return v.method === 'GET'
    ? {
        method: 'GET',
        path: '/',
        query: new URLSearchParams(all),
        headers: { host: 'kms.cn-hangzhou.aliyuncs.com' },
        body: Buffer.alloc(0),
      }
    : {
        method: 'POST',
        path: '/',
        query: new URLSearchParams(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: Buffer.from(body),
      };
}

function v3RequestFromVector(v: Vector): RpcRequest {
  const headers = Object.fromEntries(Object.entries(v.headers ?? {}).map(([k, val]) => [k.toLowerCase(), val]));
  return {
    method: v.method,
    path: '/',
    query: new URLSearchParams(v.query ?? {}),
    headers: { ...headers, authorization: v.expected['authorization'] ?? '' },
    body: Buffer.from(v.body ?? ''),
  };
}

describe('server-side verification of the SDK-generated KMS vectors', () => {
  it.each(vectors.map((v) => [v.id, v] as const))('%s verifies', (_id, v) => {
    const request = v.algorithm === 'v1_hmac_sha1' ? v1RequestFromVector(v) : v3RequestFromVector(v);
    const call = authenticator()(request);
    expect(call.caller.accessKeyId).toBe('testid');
    expect(call.action).toBe(v.params?.['Action'] ?? v.headers?.['x-acs-action']);
    expect(call.scheme).toBe(v.algorithm === 'v1_hmac_sha1' ? 'v1' : 'acs3');
    const token = v.params?.['SecurityToken'] ?? v.headers?.['x-acs-security-token'];
    expect(tokens.at(-1)).toBe(token);
  });

  it.each(vectors.map((v) => [v.id, v] as const))('%s fails when one parameter changes', (_id, v) => {
    const request = v.algorithm === 'v1_hmac_sha1' ? v1RequestFromVector(v) : v3RequestFromVector(v);
    if (request.body.length > 0 && v.algorithm === 'v1_hmac_sha1') {
      request.body = Buffer.from(request.body.toString().replace('Format=JSON', 'Format=XML'));
    } else if (v.algorithm === 'v1_hmac_sha1') {
      request.query.set('Format', 'XML');
    } else {
      request.headers['x-acs-signature-nonce'] = 'another-nonce';
    }
    expect(failure(() => authenticator()(request))).toEqual(['SignatureDoesNotMatch', 400]);
  });
});

describe('createRpcAuthenticator', () => {
  const base = {
    action: 'Encrypt',
    version: '2016-01-20',
    accessKeyId: 'testid',
    accessKeySecret: 'testsecret',
    now: T0,
  };

  it('signs empty-valued parameters too (SignatureType=, EncryptionContext=)', () => {
    const request = buildV1Request({ ...base, params: { SignatureType: '', EncryptionContext: '', KeyId: 'k' } });
    expect(authenticator()(request).params.get('EncryptionContext')).toBe('');
    request.query.delete('SignatureType');
    expect(failure(() => authenticator()(request))).toEqual(['SignatureDoesNotMatch', 400]);
  });

  it('checks the time window both ways and the timestamp format', () => {
    expect(failure(() => authenticator()(buildV1Request({ ...base, now: T0 + 15 * 60_000 })))).toBeUndefined();
    expect(failure(() => authenticator()(buildV1Request({ ...base, now: T0 + 15 * 60_000 + 1000 })))).toEqual([
      'InvalidTimeStamp.Expired',
      400,
    ]);
    expect(failure(() => authenticator()(buildAcs3Request({ ...base, now: T0 - 16 * 60_000 })))).toEqual([
      'InvalidTimeStamp.Expired',
      400,
    ]);
    const request = buildV1Request(base);
    request.query.set('Timestamp', '2024-01-02 03:04:05');
    expect(failure(() => authenticator()(request))).toEqual(['InvalidTimeStamp.Format', 400]);
    request.query.delete('Timestamp');
    expect(failure(() => authenticator()(request))).toEqual(['IllegalTimestamp', 400]);
  });

  it('refuses a reused nonce, per scheme', () => {
    const auth = authenticator();
    const v1 = buildV1Request({ ...base, nonce: 'n-1' });
    expect(failure(() => auth(v1))).toBeUndefined();
    expect(failure(() => auth(v1))).toEqual(['SignatureNonceUsed', 400]);
    const v3 = buildAcs3Request({ ...base, nonce: 'n-2' });
    expect(failure(() => auth(v3))).toBeUndefined();
    expect(failure(() => auth(v3))).toEqual(['SignatureNonceUsed', 400]);
  });

  it('refuses a repeated parameter name (query, form body, or one in each) before checking the signature', () => {
    /** A correctly signed V1 request whose pairs repeat `Action`: the last one would win. */
    const repeated = (where: 'query' | 'form' | 'split'): RpcRequest => {
      const pairs: Array<[string, string]> = [
        ['Action', 'Encrypt'],
        ['Version', '2016-01-20'],
        ['AccessKeyId', 'testid'],
        ['SignatureMethod', 'HMAC-SHA1'],
        ['SignatureVersion', '1.0'],
        ['SignatureNonce', `n-${where}`],
        ['Timestamp', formatRpcTimestamp(T0)],
        ['Action', 'DisableKey'],
      ];
      const all: Array<[string, string]> = [
        ...pairs,
        ['Signature', signV1({ method: 'POST', params: pairs, accessKeySecret: 'testsecret' }).signature],
      ];
      const inQuery = where === 'query' ? all : where === 'split' ? all.slice(0, 4) : [];
      const inBody = where === 'form' ? all : where === 'split' ? all.slice(4) : [];
      return {
        method: 'POST',
        path: '/',
        query: new URLSearchParams(inQuery),
        headers: inBody.length > 0 ? { 'content-type': 'application/x-www-form-urlencoded' } : {},
        body: Buffer.from(new URLSearchParams(inBody).toString()),
      };
    };
    for (const where of ['query', 'form', 'split'] as const) {
      expect(
        failure(() => authenticator()(repeated(where))),
        where,
      ).toEqual(['InvalidParameter', 400]);
    }
    const acs3 = buildAcs3Request({ ...base, params: { KeyId: 'k', Plaintext: 'AA==' } });
    const query: Array<[string, string]> = [...acs3.query, ['KeyId', 'other']];
    const resigned = signV3({
      method: 'POST',
      pathname: '/',
      query,
      headers: acs3.headers,
      payloadHash: acs3.headers['x-acs-content-sha256'] ?? '',
      accessKeyId: 'testid',
      accessKeySecret: 'testsecret',
    });
    const acs3Repeated = {
      ...acs3,
      query: new URLSearchParams(query),
      headers: { ...acs3.headers, authorization: resigned.authorization },
    };
    expect(failure(() => authenticator()(acs3Repeated))).toEqual(['InvalidParameter', 400]);
  });

  it('requires a signature nonce: SignatureNonce (V1) and x-acs-signature-nonce (ACS3)', () => {
    const v1 = buildV1Request(base);
    const pairs = [...v1.query].filter(([name]) => name !== 'SignatureNonce' && name !== 'Signature');
    const unsignedNonce = new URLSearchParams([
      ...pairs,
      ['Signature', signV1({ method: 'POST', params: pairs, accessKeySecret: 'testsecret' }).signature],
    ]);
    expect(failure(() => authenticator()({ ...v1, query: unsignedNonce }))).toEqual(['MissingSignatureNonce', 400]);
    const empty = new URLSearchParams([...pairs, ['SignatureNonce', '']]);
    empty.append('Signature', signV1({ method: 'POST', params: [...empty], accessKeySecret: 'testsecret' }).signature);
    expect(failure(() => authenticator()({ ...v1, query: empty }))).toEqual(['MissingSignatureNonce', 400]);
    const acs3 = buildAcs3Request(base);
    const { ['x-acs-signature-nonce']: _nonce, authorization: _auth, ...headers } = acs3.headers;
    const resigned = signV3({
      method: 'POST',
      pathname: '/',
      query: [],
      headers,
      payloadHash: headers['x-acs-content-sha256'] ?? '',
      accessKeyId: 'testid',
      accessKeySecret: 'testsecret',
    });
    expect(
      failure(() => authenticator()({ ...acs3, headers: { ...headers, authorization: resigned.authorization } })),
    ).toEqual(['MissingSignatureNonce', 400]);
  });

  it('remembers a nonce as long as a request carrying it can be valid, even re-signed with a later time', () => {
    const clock = new ManualClock(T0);
    const auth = authenticator(clock);
    expect(failure(() => auth(buildV1Request({ ...base, nonce: 'once' })))).toBeUndefined();
    clock.advance(29 * 60_000);
    expect(failure(() => auth(buildV1Request({ ...base, now: clock.now(), nonce: 'once' })))).toEqual([
      'SignatureNonceUsed',
      400,
    ]);
    expect(failure(() => auth(buildAcs3Request({ ...base, now: clock.now(), nonce: 'once' })))).toEqual([
      'SignatureNonceUsed',
      400,
    ]);
  });

  it('verifies ACS3 against the received Host, body hash and signed headers', () => {
    const request = buildAcs3Request({
      ...base,
      host: 'localhost:9000',
      placement: 'form',
      params: { KeyId: 'k', Plaintext: 'AA==' },
    });
    expect(authenticator()(request).params.get('Plaintext')).toBe('AA==');
    expect(
      failure(() => authenticator()({ ...request, headers: { ...request.headers, host: 'localhost:9001' } })),
    ).toEqual(['SignatureDoesNotMatch', 400]);
    expect(failure(() => authenticator()({ ...request, body: Buffer.from('KeyId=k&Plaintext=AB%3D%3D') }))).toEqual([
      'SignatureDoesNotMatch',
      400,
    ]);
    const unsigned = {
      ...request.headers,
      authorization: (request.headers['authorization'] ?? '').replace('content-type;', ''),
    };
    expect(failure(() => authenticator()({ ...request, headers: unsigned }))).toEqual(['IncompleteSignature', 400]);
  });

  it('refuses incomplete V1 signatures and unknown keys', () => {
    const request = buildV1Request(base);
    request.query.set('SignatureMethod', 'HMAC-SHA256');
    expect(failure(() => authenticator()(request))).toEqual(['IncompleteSignature', 400]);
    request.query.delete('Signature');
    expect(failure(() => authenticator()(request))).toEqual(['IncompleteSignature', 400]);
    expect(failure(() => authenticator()(buildV1Request({ ...base, accessKeyId: 'nobody' })))).toEqual([
      'InvalidAccessKeyId.NotFound',
      404,
    ]);
    expect(failure(() => authenticator()({ ...buildV1Request(base), method: 'GET' }))).toEqual([
      'SignatureDoesNotMatch',
      400,
    ]);
  });
});
