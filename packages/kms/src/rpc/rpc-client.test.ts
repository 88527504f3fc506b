// RpcClient/KmsClient behaviour with fetch doubles (Node + Chromium): retries, timeouts, aborts, errors,
// credential refresh, both signature versions, endpoints.
import { describe, expect, it } from 'vitest';
import { KmsClient } from '../client/kms-client.js';
import { kmsEndpointForRegion, resolveKmsEndpoint } from '../client/endpoint.js';
import { CredentialsCache } from '../credentials/credentials-cache.js';
import type { KmsCredentials } from '../credentials/credentials.js';
import { KmsError } from '../errors.js';
import { TEST_CREDENTIALS, createFakeKms } from '../../test/support/fake-kms.js';
import { RpcClient, type FetchLike } from './rpc-client.js';

const noWait = { retries: 3, baseDelayMs: 0 };

function client(fetch: FetchLike, extra: Partial<ConstructorParameters<typeof KmsClient>[0]> = {}) {
  return new KmsClient({
    endpoint: 'https://kms.fake/',
    credentials: TEST_CREDENTIALS,
    fetch,
    retry: noWait,
    ...extra,
  });
}

describe('retries', () => {
  it('retries throttling and 5xx with a fresh nonce each time, then succeeds', async () => {
    const kms = createFakeKms(['k']);
    kms.failNext(
      { status: 400, code: 'Throttling.User' },
      { status: 503, code: 'ServiceUnavailableTemporary' },
      { status: 500, code: 'InternalFailure' },
    );
    const result = await client(kms.fetch).encrypt('k', 'AAAA');
    expect(result.keyId).toBe('k');
    expect(kms.calls).toHaveLength(4);
    expect(new Set(kms.calls.map((c) => c.sent['SignatureNonce'])).size).toBe(4);
  });

  it('gives up after the configured retries with the last KMS error', async () => {
    const kms = createFakeKms(['k']);
    kms.failNext(...Array.from({ length: 5 }, () => ({ status: 503, code: 'ServiceUnavailableTemporary' })));
    const error = await client(kms.fetch, { retry: { retries: 2, baseDelayMs: 0 } })
      .encrypt('k', 'AAAA')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KmsError);
    expect(error).toMatchObject({
      code: 'ERR_KMS',
      reason: 'rejected',
      kmsCode: 'ServiceUnavailableTemporary',
      httpStatus: 503,
      action: 'Encrypt',
    });
    expect(kms.calls).toHaveLength(3);
  });

  it('does not retry a refusal', async () => {
    const kms = createFakeKms([]);
    const error = await client(kms.fetch)
      .decrypt('bm9wZQ==')
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kmsCode: 'InvalidParameter', httpStatus: 400, requestId: 'fake-request-id' });
    expect((error as Error).message).toContain('InvalidParameter');
    expect((error as Error).message).toContain('fake-request-id');
    expect(kms.calls).toHaveLength(1);
  });

  it('retries network failures and reports them as reason "network"', async () => {
    let n = 0;
    const fetch: FetchLike = async () => {
      n++;
      throw new TypeError('Failed to fetch');
    };
    await expect(client(fetch).encrypt('k', 'AA==')).rejects.toMatchObject({ reason: 'network', action: 'Encrypt' });
    expect(n).toBe(4);
  });
});

describe('timeouts, aborts and odd answers', () => {
  const hanging: FetchLike = (_input, init) =>
    new Promise((_resolve, reject) => {
      init.signal!.throwIfAborted();
      init.signal!.addEventListener('abort', () => reject(init.signal!.reason), { once: true });
    });

  it('times out each attempt', async () => {
    const error = await client(hanging, { timeoutMs: 5, retry: { retries: 1, baseDelayMs: 0 } })
      .encrypt('k', 'AA==')
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ERR_KMS', reason: 'timeout' });
  });

  it("rejects with the caller's abort reason", async () => {
    const controller = new AbortController();
    const pending = client(hanging).encrypt('k', 'AA==', { signal: controller.signal });
    const reason = new Error('user cancelled');
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
  });

  it('a 2xx answer that is not JSON, or lacks a field, is "bad-response"', async () => {
    const html: FetchLike = async () => new Response('<html>captive portal</html>', { status: 200 });
    await expect(client(html).encrypt('k', 'AA==')).rejects.toMatchObject({ reason: 'bad-response' });
    const empty: FetchLike = async () => new Response('{"RequestId":"x"}', { status: 200 });
    await expect(client(empty).encrypt('k', 'AA==')).rejects.toMatchObject({ reason: 'bad-response', requestId: 'x' });
  });

  it('an error without a JSON body still carries the HTTP status', async () => {
    const gateway: FetchLike = async () =>
      new Response('Bad Gateway', { status: 502, headers: { 'x-acs-request-id': 'gw-1' } });
    await expect(client(gateway, { retry: { retries: 0 } }).encrypt('k', 'AA==')).rejects.toMatchObject({
      httpStatus: 502,
      requestId: 'gw-1',
      kmsCode: undefined,
    });
  });
});

describe('credentials', () => {
  it('static credentials are signed in; an STS token travels as SecurityToken', async () => {
    const kms = createFakeKms(['k']);
    await client(kms.fetch, { credentials: { ...TEST_CREDENTIALS, securityToken: 'tok/+=' } }).encrypt('k', 'AA==');
    expect(kms.calls[0]!.sent).toMatchObject({
      AccessKeyId: 'testid',
      SecurityToken: 'tok/+=',
      SignatureMethod: 'HMAC-SHA1',
      Format: 'JSON',
      Version: '2016-01-20',
    });
    expect(kms.calls[0]!.sent['Signature']).toMatch(/^[A-Za-z0-9+/]{27}=$/);
  });

  it('a provider is called once for concurrent calls and again shortly before expiry', async () => {
    let now = 0;
    let issued = 0;
    const provider = async (): Promise<KmsCredentials> => {
      issued++;
      return { ...TEST_CREDENTIALS, securityToken: `t${issued}`, expiration: now + 60_000 };
    };
    const cache = new CredentialsCache(provider, { now: () => now });
    const kms = createFakeKms(['k']);
    const c = client(kms.fetch, { credentials: cache });
    await Promise.all([1, 2, 3, 4, 5].map(() => c.encrypt('k', 'AA==')));
    expect(issued).toBe(1);
    now = 29_000;
    await c.encrypt('k', 'AA==');
    expect(issued).toBe(1);
    now = 31_000; // within the refresh margin (half of a 60 s lifetime)
    await c.encrypt('k', 'AA==');
    expect(issued).toBe(2);
    expect(kms.calls.map((x) => x.sent['SecurityToken'])).toEqual(['t1', 't1', 't1', 't1', 't1', 't1', 't2']);
  });

  it('an expired-token error refreshes the credentials once and repeats the call', async () => {
    let issued = 0;
    const kms = createFakeKms(['k']);
    kms.failNext({ status: 400, code: 'InvalidSecurityToken.Expired' });
    const c = client(kms.fetch, {
      credentials: () => ({ ...TEST_CREDENTIALS, securityToken: `t${++issued}` }),
      retry: { retries: 0 },
    });
    await c.encrypt('k', 'AA==');
    expect(kms.calls.map((x) => x.sent['SecurityToken'])).toEqual(['t1', 't2']);
    kms.failNext(
      { status: 400, code: 'InvalidSecurityToken.Expired' },
      { status: 400, code: 'InvalidSecurityToken.Expired' },
    );
    await expect(c.encrypt('k', 'AA==')).rejects.toMatchObject({ kmsCode: 'InvalidSecurityToken.Expired' });
  });

  it('a failing or malformed provider is reason "credentials"', async () => {
    const kms = createFakeKms(['k']);
    await expect(
      client(kms.fetch, { credentials: () => Promise.reject(new Error('metadata server down')) }).encrypt('k', 'AA=='),
    ).rejects.toMatchObject({ reason: 'credentials' });
    await expect(
      client(kms.fetch, { credentials: () => ({ accessKeyId: 'x' }) as never }).encrypt('k', 'AA=='),
    ).rejects.toThrow(/accessKeySecret/);
    expect(() => client(kms.fetch, { credentials: { accessKeyId: '', accessKeySecret: 's' } })).toThrow(/accessKeyId/);
    expect(kms.calls).toHaveLength(0);
  });
});

describe('signature versions and endpoints', () => {
  it('acs3 sends Authorization and x-acs-* headers, signs the endpoint path and the form body of action parameters', async () => {
    const kms = createFakeKms(['k']);
    await client(kms.fetch, {
      signatureVersion: 'acs3',
      endpoint: 'http://127.0.0.1:9/kms/',
      credentials: { ...TEST_CREDENTIALS, securityToken: 'tok' },
    }).encrypt('k', 'AA==');
    const call = kms.calls[0]!;
    expect(call.sent).toEqual({ KeyId: 'k', Plaintext: 'AA==' });
    expect(call.headers['authorization']).toMatch(
      /^ACS3-HMAC-SHA256 Credential=testid,SignedHeaders=content-type;host;x-acs-accesskey-id;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-security-token;x-acs-signature-nonce;x-acs-version,Signature=[0-9a-f]{64}$/,
    );
    expect(call.headers).toMatchObject({
      'x-acs-action': 'Encrypt',
      'x-acs-version': '2016-01-20',
      'x-acs-security-token': 'tok',
    });
  });

  it.each(['v1', 'acs3'] as const)(
    '%s: every parameter travels in a POST x-www-form-urlencoded body, none in the URL',
    async (signatureVersion) => {
      const kms = createFakeKms(['k']);
      const secretish = { ...TEST_CREDENTIALS, securityToken: 'tok/+=' };
      await client(kms.fetch, { signatureVersion, credentials: secretish }).encrypt('k', 'AAECAwQ=', {
        encryptionContext: '{"x-passphrase":"pp"}',
      });
      const call = kms.calls[0]!;
      expect(call.method).toBe('POST');
      expect(call.url).toBe('https://kms.fake/');
      expect(call.headers['content-type']).toBe('application/x-www-form-urlencoded');
      expect(Object.fromEntries(new URLSearchParams(call.body))).toMatchObject({
        KeyId: 'k',
        Plaintext: 'AAECAwQ=',
        EncryptionContext: '{"x-passphrase":"pp"}',
      });
      if (signatureVersion === 'v1') {
        expect(Object.fromEntries(new URLSearchParams(call.body))).toMatchObject({
          Action: 'Encrypt',
          SecurityToken: 'tok/+=',
          Signature: expect.any(String),
        });
      }
    },
  );

  it('defaults to the regional endpoint and accepts VPC hosts and full URLs', () => {
    expect(kmsEndpointForRegion('cn-hangzhou')).toBe('https://kms.cn-hangzhou.aliyuncs.com/');
    expect(resolveKmsEndpoint({ region: 'cn-shanghai', endpoint: 'kms-vpc.cn-shanghai.aliyuncs.com' })).toBe(
      'https://kms-vpc.cn-shanghai.aliyuncs.com/',
    );
    expect(resolveKmsEndpoint({ endpoint: 'http://localhost:8080/kms-relay/' })).toBe(
      'http://localhost:8080/kms-relay/',
    );
    expect(new KmsClient({ region: 'ap-southeast-1', credentials: TEST_CREDENTIALS }).rpc.endpoint.host).toBe(
      'kms.ap-southeast-1.aliyuncs.com',
    );
    expect(() => new KmsClient({ credentials: TEST_CREDENTIALS })).toThrow(/"region" or "endpoint"/);
    expect(() => kmsEndpointForRegion('cn hangzhou')).toThrow(TypeError);
    expect(() => new RpcClient({ endpoint: 'ftp://x/', version: '1', credentials: TEST_CREDENTIALS })).toThrow(
      TypeError,
    );
    expect(
      () => new RpcClient({ endpoint: 'https://x/', version: '1', credentials: TEST_CREDENTIALS, timeoutMs: 0 }),
    ).toThrow(RangeError);
  });

  it('describeKey reads the key state', async () => {
    const kms = createFakeKms(['k']);
    kms.disable('k');
    await expect(client(kms.fetch).describeKey('k')).resolves.toMatchObject({ keyId: 'k', keyState: 'Disabled' });
  });
});
