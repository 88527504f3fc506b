// createKmsMasterKeyFromOptions: the CLI-shaped entry point (Node + Chromium; the environment is injected).
import { encryptObject, decryptObject, fromUtf8 } from '@oss-cse/core';
import { describe, expect, it } from 'vitest';
import { credentialsFromEnvironment } from './credentials/environment.js';
import { createKmsMasterKeyFromOptions } from './factory.js';
import { createFakeKms } from '../test/support/fake-kms.js';

describe('createKmsMasterKeyFromOptions', () => {
  it('builds a working key from flags and environment credentials', async () => {
    const kms = createFakeKms(['alias/app']);
    const env = { OSS_ACCESS_KEY_ID: 'id', OSS_ACCESS_KEY_SECRET: 'secret', OSS_SESSION_TOKEN: 'tok' };
    const key = createKmsMasterKeyFromOptions({
      keyId: 'alias/app',
      endpoint: 'https://kms.fake/',
      layout: 'sdk',
      env,
      fetch: kms.fetch,
    });
    expect([key.layout, key.readLayout, key.keyId]).toEqual(['sdk', 'auto', 'alias/app']);
    const { headers, ciphertext } = await encryptObject({ keyring: key, plaintext: 'flags' });
    expect(fromUtf8(await decryptObject({ keyring: key, headers, ciphertext }))).toBe('flags');
    expect(kms.calls[0]!.sent).toMatchObject({ AccessKeyId: 'id', SecurityToken: 'tok' });
  });

  it('takes the region from the flag or the environment (an oss- prefix is dropped)', () => {
    const creds = { accessKeyId: 'a', accessKeySecret: 'b' };
    expect(
      createKmsMasterKeyFromOptions({ keyId: 'k', region: 'oss-cn-beijing', credentials: creds, env: {} }).client.rpc
        .endpoint.href,
    ).toBe('https://kms.cn-beijing.aliyuncs.com/');
    expect(
      createKmsMasterKeyFromOptions({ keyId: 'k', credentials: creds, env: { ALIBABA_CLOUD_REGION_ID: 'cn-shenzhen' } })
        .client.rpc.endpoint.host,
    ).toBe('kms.cn-shenzhen.aliyuncs.com');
    expect(
      createKmsMasterKeyFromOptions({
        keyId: 'k',
        region: 'cn-hangzhou',
        endpoint: 'kms-vpc.cn-hangzhou.aliyuncs.com',
        credentials: creds,
        env: {},
      }).client.rpc.endpoint.host,
    ).toBe('kms-vpc.cn-hangzhou.aliyuncs.com');
  });

  it('names the flag that is wrong or missing', () => {
    const creds = { accessKeyId: 'a', accessKeySecret: 'b' };
    expect(() => createKmsMasterKeyFromOptions({ keyId: 'k', credentials: creds, env: {} })).toThrow(
      /--kms-region or --kms-endpoint/,
    );
    expect(() =>
      createKmsMasterKeyFromOptions({ keyId: 'k', region: 'cn-hangzhou', layout: 'java', credentials: creds, env: {} }),
    ).toThrow(/--kms-layout expected oss2 or sdk/);
    expect(() => createKmsMasterKeyFromOptions({ keyId: 'k', region: 'cn-hangzhou', env: {} })).toThrow(
      /OSS_ACCESS_KEY_ID/,
    );
  });

  it('reads the ALIBABA_CLOUD_* variables when the OSS_* ones are absent', () => {
    expect(
      credentialsFromEnvironment({
        ALIBABA_CLOUD_ACCESS_KEY_ID: 'x',
        ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'y',
        ALIBABA_CLOUD_SECURITY_TOKEN: 'z',
      }),
    ).toEqual({
      accessKeyId: 'x',
      accessKeySecret: 'y',
      securityToken: 'z',
    });
  });
});
