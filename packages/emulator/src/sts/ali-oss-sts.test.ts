import OSS from 'ali-oss';
import { describe, expect, it } from 'vitest';
import { MemoryJsonStore } from '../../test/support/rpc-doubles.js';
import type { RpcRequest } from '../shared/contracts.js';
import { createStsService, type StsService } from './service.js';

const account = { accessKeyId: 'LTAI-emulator', accessKeySecret: 'emulator-secret' };

interface UrllibOptions {
  method: string;
  content: string;
  headers: Record<string, string>;
}

/** ali-oss's `urllib` option: its STS client sends through this, straight into `handle()`. */
function urllibFor(sts: StsService) {
  return {
    async request(url: string, options: UrllibOptions) {
      const parsed = new URL(url);
      const headers = Object.fromEntries(Object.entries(options.headers).map(([k, v]) => [k.toLowerCase(), v]));
      const req: RpcRequest = {
        method: options.method,
        path: parsed.pathname,
        query: parsed.searchParams,
        headers: { ...headers, host: parsed.host },
        body: Buffer.from(options.content),
      };
      const response = await sts.handle(req);
      return {
        status: response.status,
        headers: response.headers,
        data: response.body,
        res: { status: response.status },
      };
    },
  };
}

async function stsClient(secret = account.accessKeySecret) {
  const sts = await createStsService({ account, clock: { now: () => Date.now() }, store: new MemoryJsonStore() });
  const StsClient = (
    OSS as unknown as { STS: new (options: object) => { assumeRole: (...args: unknown[]) => Promise<any> } }
  ).STS;
  const client = new StsClient({
    accessKeyId: account.accessKeyId,
    accessKeySecret: secret,
    endpoint: 'http://127.0.0.1:9000',
    urllib: urllibFor(sts),
  });
  return { sts, client };
}

describe('ali-oss 6.23.0 STS client against the emulator', () => {
  it('assumes a role with a policy (POST form body, millisecond Timestamp, numeric nonce)', async () => {
    const { sts, client } = await stsClient();
    const policy = {
      Version: '1',
      Statement: [{ Effect: 'Allow', Action: ['oss:PutObject'], Resource: ['acs:oss:*:*:bucket/uploads/alice/*'] }],
    };
    const { credentials } = await client.assumeRole('acs:ram::1234567890123456:role/uploader', policy, 900, 'alice');
    expect(credentials.AccessKeyId).toMatch(/^STS\./);
    const check = sts.checkToken(credentials.AccessKeyId, credentials.SecurityToken);
    expect(
      check.ok && sts.policyAllows(check.credential.policy, 'oss:PutObject', 'acs:oss:*:*:bucket/uploads/alice/f'),
    ).toBe(true);
    expect(
      check.ok && sts.policyAllows(check.credential.policy, 'oss:PutObject', 'acs:oss:*:*:bucket/uploads/bob/f'),
    ).toBe(false);
  });

  it('surfaces the STS error code through ali-oss', async () => {
    const { client } = await stsClient('not-the-secret');
    await expect(
      client.assumeRole('acs:ram::1234567890123456:role/uploader', null, 900, 'alice'),
    ).rejects.toMatchObject({
      status: 400,
      code: 'SignatureDoesNotMatch',
    });
  });
});
