import { describe, expect, it } from 'vitest';
import { signV1 } from '../rpc/v1-signature.js';
import { KmsHarness, account } from '../../test/support/kms-harness.js';

async function withKeys() {
  const h = await KmsHarness.start();
  const a = await h.kms.createKey({ alias: 'alias/a' });
  const b = await h.kms.createKey();
  return { h, a, b };
}

describe('KMS transport and errors', () => {
  it('accepts GET and POST, query or form parameters, V1 or ACS3', async () => {
    const { h, a } = await withKeys();
    const params = { KeyId: a.keyId, Plaintext: 'AAECAwQFBgcICQoLDA0ODw==' };
    const requests = [
      h.v1('Encrypt', params, { method: 'GET' }),
      h.v1('Encrypt', params, { method: 'POST' }),
      h.v1('Encrypt', params, { method: 'POST', placement: 'form' }),
      h.v1('Encrypt', params, { format: 'json' }),
      h.acs3('Encrypt', params),
      h.acs3('Encrypt', params, account, 'form'),
    ];
    for (const request of requests) {
      const reply = await h.send(request);
      expect(reply.status, `${request.method} ${request.headers['content-type'] ?? 'query'}`).toBe(200);
      expect((await h.call('Decrypt', { CiphertextBlob: reply.json['CiphertextBlob'] })).json['Plaintext']).toBe(
        params.Plaintext,
      );
    }
  });

  it('answers errors as POP JSON with the right status and no CORS headers by default', async () => {
    const { h } = await withKeys();
    const reply = await h.send(h.v1('Encrypt', { KeyId: 'x', Plaintext: 'AA==' }, { accessKeySecret: 'wrong' }));
    expect(reply.status).toBe(400);
    expect(Object.keys(reply.json).sort()).toEqual(['Code', 'HostId', 'Message', 'Recommend', 'RequestId']);
    expect(reply.json).toMatchObject({ Code: 'SignatureDoesNotMatch', HostId: 'kms.cn-hangzhou.aliyuncs.com' });
    expect(reply.json['Message']).toContain('server string to sign is:POST&%2F&AccessKeyId%3D');
    expect(reply.headers['content-type']).toBe('application/json;charset=utf-8');
    expect(reply.headers['access-control-allow-origin']).toBeUndefined();
    const preflight = await h.send({
      ...h.v1('Encrypt'),
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:5173' },
    });
    expect([preflight.status, preflight.json['Code']]).toEqual([403, 'UnsupportedHTTPMethod']);
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    const unknownAction = await h.call('ScheduleKeyDeletion', { KeyId: 'x' });
    expect([unknownAction.status, unknownAction.json['Code']]).toEqual([404, 'InvalidAction.NotFound']);
    const unknownKey = await h.send(h.v1('ListKeys', {}, { accessKeyId: 'LTAI-nobody' }));
    expect([unknownKey.status, unknownKey.json['Code']]).toEqual([404, 'InvalidAccessKeyId.NotFound']);
  });

  it('refuses a repeated parameter: an Encrypt signed with a second Action=DisableKey leaves the key enabled', async () => {
    const { h, a } = await withKeys();
    const encrypt = h.v1('Encrypt', { KeyId: a.keyId, Plaintext: 'AA==' }, { nonce: 'smuggle' });
    const pairs: Array<[string, string]> = [...encrypt.query].filter(([name]) => name !== 'Signature');
    pairs.push(['Action', 'DisableKey']);
    const query = new URLSearchParams([
      ...pairs,
      ['Signature', signV1({ method: 'POST', params: pairs, accessKeySecret: account.accessKeySecret }).signature],
    ]);
    const reply = await h.send({ ...encrypt, query });
    expect([reply.status, reply.json['Code']]).toEqual([400, 'InvalidParameter']);
    expect(reply.json['Message']).toBe('The specified parameter Action is repeated.');
    expect((await h.call('DescribeKey', { KeyId: a.keyId })).json['KeyMetadata']).toMatchObject({
      KeyState: 'Enabled',
    });
  });

  it('with cors: true answers preflights and lets pages read every response', async () => {
    const h = await KmsHarness.start({ cors: true });
    const origin = 'http://localhost:5173';
    const preflight = await h.kms.handle({
      method: 'OPTIONS',
      path: '/',
      query: new URLSearchParams(),
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,x-acs-date',
      },
      body: Buffer.alloc(0),
    });
    expect(preflight.status).toBe(200);
    expect(preflight.headers).toMatchObject({
      'access-control-allow-origin': origin,
      'access-control-allow-methods': 'GET, POST',
      'access-control-allow-headers': 'authorization,x-acs-date',
    });
    const request = h.v1('ListKeys');
    const reply = await h.send({ ...request, headers: { ...request.headers, origin } });
    expect(reply.status).toBe(200);
    expect(reply.headers['access-control-allow-origin']).toBe(origin);
    expect(reply.headers['access-control-expose-headers']).toBe('x-acs-request-id');
  });
});

describe('KMS with STS credentials', () => {
  const policyFor = (keyArn: string, actions: string[]) => ({
    Version: '1',
    Statement: [{ Effect: 'Allow', Action: actions, Resource: [keyArn] }],
  });

  it('accepts SecurityToken (V1) and x-acs-security-token (ACS3) and enforces the token policy', async () => {
    const { h, a, b } = await withKeys();
    const browser = await h.stsCredentials(policyFor(a.arn, ['kms:GenerateDataKey', 'kms:Decrypt']));
    const generated = await h.call('GenerateDataKey', { KeyId: a.keyId }, browser);
    expect(generated.status).toBe(200);
    const viaAcs3 = await h.send(h.acs3('Decrypt', { CiphertextBlob: generated.json['CiphertextBlob'] }, browser));
    expect(viaAcs3.json['Plaintext']).toBe(generated.json['Plaintext']);
    for (const [action, params] of [
      ['Encrypt', { KeyId: a.keyId, Plaintext: 'AA==' }],
      ['GenerateDataKey', { KeyId: b.keyId }],
      ['DisableKey', { KeyId: 'alias/a' }],
      ['ListKeys', {}],
    ] as const) {
      const reply = await h.call(action, params, browser);
      expect([reply.status, reply.json['Code']], action).toEqual([403, 'Forbidden.NoPermission']);
    }
    const bBlob = (await h.call('Encrypt', { KeyId: b.keyId, Plaintext: 'AA==' })).json['CiphertextBlob'];
    expect((await h.call('Decrypt', { CiphertextBlob: bBlob }, browser)).json['Code']).toBe('Forbidden.NoPermission');
  });

  it('gives a token without a policy the role permissions (everything)', async () => {
    const { h, a } = await withKeys();
    const credentials = await h.stsCredentials();
    expect((await h.call('Encrypt', { KeyId: a.keyId, Plaintext: 'AA==' }, credentials)).status).toBe(200);
  });

  it('refuses expired, expired-all, tampered, mismatched and missing tokens with the POP codes', async () => {
    const { h, a } = await withKeys();
    const params = { KeyId: a.keyId, Plaintext: 'AA==' };
    const short = await h.stsCredentials(undefined, 60);
    const other = await h.stsCredentials();
    const cases: Array<[typeof short, string]> = [
      [{ ...short, securityToken: `${short.securityToken?.slice(0, -6)}AAAA==` }, 'InvalidSecurityToken.Malformed'],
      [{ ...short, securityToken: other.securityToken }, 'InvalidSecurityToken.MismatchWithAccessKey'],
      [{ accessKeyId: short.accessKeyId, accessKeySecret: short.accessKeySecret }, 'MissingSecurityToken'],
    ];
    for (const [credentials, code] of cases) {
      const reply = await h.call('Encrypt', params, credentials);
      expect([reply.status, reply.json['Code']], code).toEqual([400, code]);
    }
    h.clock.advance(60_000);
    expect((await h.call('Encrypt', params, short)).json['Code']).toBe('InvalidSecurityToken.Expired');
    expect((await h.call('Encrypt', params, other)).status).toBe(200);
    await h.sts.expireAllNow();
    expect((await h.call('Encrypt', params, other)).json['Code']).toBe('InvalidSecurityToken.Expired');
  });
});
