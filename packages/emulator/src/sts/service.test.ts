import { describe, expect, it } from 'vitest';
import { buildAcs3Request, buildV1Request, type V1CallOptions } from '../rpc/signer.js';
import { ManualClock, MemoryJsonStore } from '../../test/support/rpc-doubles.js';
import type { RpcResponse } from '../shared/contracts.js';
import { createStsService, STS_API_VERSION, type StsServiceOptions } from './service.js';

const account = { accessKeyId: 'LTAI-emulator', accessKeySecret: 'emulator-secret' };
const T0 = Date.parse('2024-01-02T03:04:05Z');
const ROLE = 'acs:ram::1234567890123456:role/uploader';

async function setup(extra: Partial<StsServiceOptions> = {}) {
  const clock = new ManualClock(T0);
  const store = new MemoryJsonStore();
  const sts = await createStsService({ account, clock, store, ...extra });
  return { clock, store, sts };
}

function assumeRoleRequest(params: Record<string, string>, overrides: Partial<V1CallOptions> = {}) {
  return buildV1Request({
    action: 'AssumeRole',
    version: STS_API_VERSION,
    params: { RoleArn: ROLE, RoleSessionName: 'alice', ...params },
    accessKeyId: account.accessKeyId,
    accessKeySecret: account.accessKeySecret,
    now: T0,
    placement: 'form',
    ...overrides,
  });
}

function body(response: RpcResponse): Record<string, any> {
  return JSON.parse(response.body) as Record<string, any>;
}

describe('STS AssumeRole', () => {
  it('issues STS credentials shaped like the real response', async () => {
    const { sts } = await setup();
    const response = await sts.handle(assumeRoleRequest({ DurationSeconds: '900' }));
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/json;charset=utf-8');
    const json = body(response);
    expect(Object.keys(json).sort()).toEqual(['AssumedRoleUser', 'Credentials', 'RequestId']);
    expect(json['Credentials'].AccessKeyId).toMatch(/^STS\.[A-Za-z0-9]{25}$/);
    expect(json['Credentials'].AccessKeySecret).toMatch(/^[A-Za-z0-9]{44}$/);
    expect(json['Credentials'].SecurityToken).toMatch(/^CAIS[A-Za-z0-9+/=]+$/);
    expect(json['Credentials'].Expiration).toBe('2024-01-02T03:19:05Z');
    expect(json['AssumedRoleUser'].Arn).toMatch(/^acs:ram::\d{16}:role\/uploader\/alice$/);
    expect(json['AssumedRoleUser'].AssumedRoleId).toMatch(/^\d{18}:alice$/);
    const check = sts.checkToken(json['Credentials'].AccessKeyId, json['Credentials'].SecurityToken);
    expect(check).toEqual({
      ok: true,
      credential: {
        accessKeyId: json['Credentials'].AccessKeyId,
        accessKeySecret: json['Credentials'].AccessKeySecret,
        securityToken: json['Credentials'].SecurityToken,
        expiration: T0 + 900_000,
      },
    });
  });

  it('accepts GET with query parameters and ACS3-HMAC-SHA256', async () => {
    const { sts } = await setup();
    expect((await sts.handle(assumeRoleRequest({}, { method: 'GET', placement: 'query' }))).status).toBe(200);
    const acs3 = buildAcs3Request({
      action: 'AssumeRole',
      version: STS_API_VERSION,
      params: { RoleArn: ROLE, RoleSessionName: 'bob' },
      accessKeyId: account.accessKeyId,
      accessKeySecret: account.accessKeySecret,
      now: T0,
      host: 'localhost:9000',
    });
    const response = await sts.handle(acs3);
    expect(response.status).toBe(200);
    expect(body(response)['AssumedRoleUser'].AssumedRoleId).toMatch(/:bob$/);
  });

  it('keeps the policy in the token and enforces it through policyAllows', async () => {
    const { sts } = await setup();
    const policy = {
      Version: '1',
      Statement: [{ Effect: 'Allow', Action: 'oss:*', Resource: 'acs:oss:*:*:b/uploads/alice/*' }],
    };
    const json = body(await sts.handle(assumeRoleRequest({ Policy: JSON.stringify(policy) })));
    const check = sts.checkToken(json['Credentials'].AccessKeyId, json['Credentials'].SecurityToken);
    if (!check.ok) throw new Error(check.message);
    expect(check.credential.policy).toEqual([
      { effect: 'Allow', actions: ['oss:*'], resources: ['acs:oss:*:*:b/uploads/alice/*'] },
    ]);
    expect(sts.policyAllows(check.credential.policy, 'oss:GetObject', 'acs:oss:*:*:b/uploads/alice/x')).toBe(true);
    expect(sts.policyAllows(check.credential.policy, 'oss:GetObject', 'acs:oss:*:*:b/uploads/bob/x')).toBe(false);
  });

  it.each([
    [{ DurationSeconds: '899' }, 'InvalidParameter.DurationSeconds'],
    [{ DurationSeconds: '43201' }, 'InvalidParameter.DurationSeconds'],
    [{ DurationSeconds: 'abc' }, 'InvalidParameter.DurationSeconds'],
    [{ RoleArn: '' }, 'MissingRoleArn'],
    [{ RoleArn: 'arn:aws:iam::1:role/x' }, 'InvalidParameter.RoleArn'],
    [{ RoleSessionName: 'a' }, 'InvalidParameter.RoleSessionName'],
    [{ RoleSessionName: 'abc*abc' }, 'InvalidParameter.RoleSessionName'],
    [{ Policy: '{"Statement":[]}' }, 'InvalidParameter.PolicyGrammar'],
  ])('refuses %j with 400 %s', async (params, code) => {
    const { sts } = await setup();
    const response = await sts.handle(assumeRoleRequest(params));
    expect(response.status).toBe(400);
    const json = body(response);
    expect(json['Code']).toBe(code);
    expect(json['HostId']).toBe('sts.aliyuncs.com');
    expect(json['RequestId']).toBe(response.headers['x-acs-request-id']);
  });

  it('allows short tokens down to minDurationSeconds', async () => {
    const { sts, clock } = await setup({ minDurationSeconds: 1 });
    const json = body(await sts.handle(assumeRoleRequest({ DurationSeconds: '2' })));
    const { AccessKeyId: id, SecurityToken: token } = json['Credentials'];
    expect(sts.checkToken(id, token).ok).toBe(true);
    clock.advance(2000);
    expect(sts.checkToken(id, token)).toMatchObject({ ok: false, code: 'SecurityTokenExpired', reason: 'Expired' });
  });

  it('authenticates the caller exactly', async () => {
    const { sts } = await setup();
    const cases: Array<[Partial<V1CallOptions>, number, string]> = [
      [{ accessKeySecret: 'wrong' }, 400, 'SignatureDoesNotMatch'],
      [{ accessKeyId: 'LTAI-unknown' }, 404, 'InvalidAccessKeyId.NotFound'],
      [{ now: T0 - 16 * 60_000 }, 400, 'InvalidTimeStamp.Expired'],
      [{ version: '2014-01-01' }, 400, 'InvalidVersion'],
      [{ action: 'GetCallerIdentityX' }, 404, 'InvalidAction.NotFound'],
    ];
    for (const [overrides, status, code] of cases) {
      const response = await sts.handle(assumeRoleRequest({}, overrides));
      expect([response.status, body(response)['Code']], JSON.stringify(overrides)).toEqual([status, code]);
    }
    const replayed = assumeRoleRequest({}, { nonce: 'same-nonce' });
    expect((await sts.handle(replayed)).status).toBe(200);
    expect(body(await sts.handle(replayed))['Code']).toBe('SignatureNonceUsed');
  });
});

describe('STS tokens', () => {
  async function issued(extra: Partial<StsServiceOptions> = {}) {
    const context = await setup(extra);
    const result = await context.sts.assumeRole({ roleSessionName: 'tester', durationSeconds: 3600 });
    return { ...context, id: result.Credentials.AccessKeyId, token: result.Credentials.SecurityToken };
  }

  it('refuses tampered, foreign, mismatched and missing tokens', async () => {
    const { sts, id, token } = await issued();
    const other = await setup();
    const flipped = `${token.slice(0, 20)}${token[20] === 'A' ? 'B' : 'A'}${token.slice(21)}`;
    expect(sts.checkToken(id, flipped)).toMatchObject({ ok: false, code: 'InvalidSecurityToken', reason: 'Malformed' });
    expect(sts.checkToken(id, 'garbage')).toMatchObject({
      ok: false,
      code: 'InvalidSecurityToken',
      reason: 'Malformed',
    });
    expect(other.sts.checkToken(id, token)).toMatchObject({ ok: false, code: 'InvalidSecurityToken' });
    expect(sts.checkToken('STS.someoneelse', token)).toMatchObject({
      ok: false,
      code: 'InvalidSecurityToken',
      reason: 'MismatchWithAccessKey',
    });
    expect(sts.checkToken(id, undefined)).toMatchObject({ ok: false, code: 'InvalidAccessKeyId', reason: 'Missing' });
  });

  it('survive a restart on the same store', async () => {
    const { store, clock, id, token } = await issued();
    const restarted = await createStsService({ account, clock, store });
    expect(restarted.checkToken(id, token).ok).toBe(true);
    expect([...store.files.keys()]).toEqual(['sts-state']);
  });

  it('expire all at once with expireAllNow, also after a restart, while new tokens work', async () => {
    const { sts, store, clock, id, token } = await issued();
    await sts.expireAllNow();
    expect(sts.checkToken(id, token)).toMatchObject({ ok: false, code: 'SecurityTokenExpired' });
    const fresh = (await sts.assumeRole()).Credentials;
    expect(sts.checkToken(fresh.AccessKeyId, fresh.SecurityToken).ok).toBe(true);
    const restarted = await createStsService({ account, clock, store });
    expect(restarted.checkToken(id, token)).toMatchObject({ ok: false, code: 'SecurityTokenExpired' });
    expect(restarted.checkToken(fresh.AccessKeyId, fresh.SecurityToken).ok).toBe(true);
  });

  it('expire with the server clock (injected skew included)', async () => {
    const { sts, clock, id, token } = await issued();
    clock.advance(3599_000);
    expect(sts.checkToken(id, token).ok).toBe(true);
    clock.advance(1000);
    expect(sts.checkToken(id, token)).toMatchObject({ ok: false, code: 'SecurityTokenExpired' });
  });
});

describe('STS GetCallerIdentity and role chaining', () => {
  it('identifies the account key and an assumed role', async () => {
    const { sts } = await setup();
    const request = (credentials: { accessKeyId: string; accessKeySecret: string; securityToken?: string }) =>
      buildV1Request({ action: 'GetCallerIdentity', version: STS_API_VERSION, ...credentials, now: T0 });
    const root = body(await sts.handle(request(account)));
    expect(root).toMatchObject({
      IdentityType: 'Account',
      Arn: `acs:ram::${sts.accountUid}:root`,
      AccountId: sts.accountUid,
    });
    const { Credentials, AssumedRoleUser } = await sts.assumeRole({ roleArn: ROLE, roleSessionName: 'carol' });
    const temporary = {
      accessKeyId: Credentials.AccessKeyId,
      accessKeySecret: Credentials.AccessKeySecret,
      securityToken: Credentials.SecurityToken,
    };
    const assumed = body(await sts.handle(request(temporary)));
    expect(assumed).toMatchObject({
      IdentityType: 'AssumedRoleUser',
      Arn: `acs:ram::${sts.accountUid}:assumed-role/uploader/carol`,
      PrincipalId: AssumedRoleUser.AssumedRoleId,
    });
    const chained = await sts.handle(assumeRoleRequest({}, temporary));
    expect([chained.status, body(chained)['Code']]).toEqual([403, 'NoPermission']);
  });
});
