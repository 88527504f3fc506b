import OSS from 'ali-oss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../emulator.js';
import { errorCode, ossClient } from '../../test/support/clients.js';
import { rawRequest, responseCode } from '../../test/support/raw-request.js';

// Token policies with a Condition on oss:Prefix / oss:Delimiter / oss:MaxKeys, over HTTP: ali-oss's STS client
// assumes the role, ali-oss and raw V1 requests list with and without the allowed prefix.

let emu: Emulator;
const BUCKET = 'conditions';
const ROLE = 'acs:ram::1234567890123456:role/lister';

beforeAll(async () => {
  emu = await startEmulator({ buckets: [BUCKET] });
  const admin = ossClient(emu, { bucket: BUCKET });
  for (const key of [
    'users/alice/a.txt',
    'users/alice/photos/b.png',
    'users/alice-2/c.txt',
    'users/bob/d.txt',
    'top.txt',
  ]) {
    await admin.put(key, Buffer.from(key));
  }
});
afterAll(() => emu.close());

type StsClient = {
  assumeRole(
    role: string,
    policy: object | null,
    seconds: number,
    session: string,
  ): Promise<{ credentials: Record<string, string> }>;
};

function stsClient(): StsClient {
  const Sts = (OSS as unknown as { STS: new (options: object) => StsClient }).STS;
  return new Sts({ accessKeyId: emu.accessKeyId, accessKeySecret: emu.accessKeySecret, endpoint: emu.stsEndpoint });
}

async function tokenFor(
  condition: object,
): Promise<{ accessKeyId: string; accessKeySecret: string; stsToken: string }> {
  const policy = {
    Version: '1',
    Statement: [
      { Effect: 'Allow', Action: ['oss:ListObjects'], Resource: [`acs:oss:*:*:${BUCKET}`], Condition: condition },
    ],
  };
  const { credentials: c } = await stsClient().assumeRole(ROLE, policy, 900, 'lister');
  return { accessKeyId: c['AccessKeyId']!, accessKeySecret: c['AccessKeySecret']!, stsToken: c['SecurityToken']! };
}

const keysOf = (result: { objects?: Array<{ name: string }> }) => (result.objects ?? []).map((o) => o.name);

describe('STS policy Condition over HTTP', () => {
  it('StringLike oss:Prefix users/alice/*: ListObjects V1 and V2 under users/alice/ only', async () => {
    const alice = ossClient(emu, {
      bucket: BUCKET,
      credentials: await tokenFor({ StringLike: { 'oss:Prefix': ['users/alice/*'] } }),
    });
    expect(keysOf(await alice.list({ prefix: 'users/alice/', 'max-keys': 1000 }, {}))).toEqual([
      'users/alice/a.txt',
      'users/alice/photos/b.png',
    ]);
    expect(keysOf(await alice.list({ prefix: 'users/alice/photos/' }, {}))).toEqual(['users/alice/photos/b.png']);
    expect(keysOf(await alice.listV2({ prefix: 'users/alice/', delimiter: '/' }, {}))).toEqual(['users/alice/a.txt']);
    expect(await errorCode(alice.list({ prefix: 'users/bob/' }, {}))).toBe('AccessDenied');
    expect(await errorCode(alice.list({ prefix: 'users/alice' }, {}))).toBe('AccessDenied');
    expect(await errorCode(alice.list({}, {}))).toBe('AccessDenied');
    expect(await errorCode(alice.listV2({ prefix: 'users/' }, {}))).toBe('AccessDenied');
  });

  it('oss:Delimiter and oss:MaxKeys come from the request, absent ones fail the condition (raw V1 requests)', async () => {
    const token = await tokenFor({
      StringEquals: { 'oss:Prefix': ['', 'users/'], 'oss:Delimiter': '/' },
      NumericLessThanEquals: { 'oss:MaxKeys': 100 },
    });
    const sign = {
      accessKeyId: token.accessKeyId,
      accessKeySecret: token.accessKeySecret,
      securityToken: token.stsToken,
    };
    const list = async (query: string) => {
      const res = await rawRequest(emu, { method: 'GET', bucket: BUCKET, query, sign });
      return res.status === 200 ? 'allowed' : await responseCode(res);
    };
    expect(await list('delimiter=%2F&max-keys=100')).toBe('allowed');
    expect(await list('delimiter=%2F&max-keys=10&prefix=users%2F')).toBe('allowed');
    expect(await list('delimiter=%2F&max-keys=1000')).toBe('AccessDenied');
    expect(await list('max-keys=100')).toBe('AccessDenied');
    expect(await list('delimiter=%2F')).toBe('AccessDenied');
    expect(await list('delimiter=%2F&max-keys=100&prefix=users%2Fbob%2F')).toBe('AccessDenied');
  });

  it('refuses an unknown condition operator with the STS grammar error', async () => {
    const policy = {
      Version: '1',
      Statement: [
        {
          Effect: 'Allow',
          Action: 'oss:ListObjects',
          Resource: '*',
          Condition: { StringBeginsWith: { 'oss:Prefix': 'users/' } },
        },
      ],
    };
    await expect(stsClient().assumeRole(ROLE, policy, 900, 'lister')).rejects.toMatchObject({
      status: 400,
      code: 'InvalidParameter.PolicyGrammar',
    });
  });
});
