// Credentials: environment and static providers; STS credentials refreshed before expiry and, once for all
// parts in flight, when OSS says the token expired mid-upload.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { readFile, writeFile } from 'node:fs/promises';
import { environmentCredentials, refreshingCredentials, staticCredentials, type Credentials } from '../index.js';
import { keyringOf, patternBytes, startTestEnv, testKeys, type TestEnv, text } from '../../test/setup.js';

describe('providers', () => {
  it('reads OSS_ACCESS_KEY_ID / OSS_ACCESS_KEY_SECRET / OSS_SESSION_TOKEN', async () => {
    const env = { OSS_ACCESS_KEY_ID: 'id', OSS_ACCESS_KEY_SECRET: 'secret', OSS_SESSION_TOKEN: 'token' };
    expect(await environmentCredentials(env).getCredentials()).toEqual({
      accessKeyId: 'id',
      accessKeySecret: 'secret',
      securityToken: 'token',
    });
    await expect(environmentCredentials({ OSS_ACCESS_KEY_ID: 'id' }).getCredentials()).rejects.toMatchObject({
      code: 'ERR_CREDENTIALS',
    });
    expect(() => staticCredentials({ accessKeyId: '', accessKeySecret: 'x' })).toThrow(/accessKeyId/);
  });

  it('hands back the same credentials object until the environment changes (the transport keeps one client per object)', async () => {
    const env: NodeJS.ProcessEnv = { OSS_ACCESS_KEY_ID: 'id', OSS_ACCESS_KEY_SECRET: 'secret' };
    const provider = environmentCredentials(env);
    const first = await provider.getCredentials();
    expect(await provider.getCredentials()).toBe(first);
    env['OSS_SESSION_TOKEN'] = 'token';
    const rotated = await provider.getCredentials();
    expect(rotated).not.toBe(first);
    expect(rotated).toEqual({ accessKeyId: 'id', accessKeySecret: 'secret', securityToken: 'token' });
    expect(await provider.getCredentials()).toBe(rotated);
  });

  it('refreshes before expiry, once however many callers wait', async () => {
    let now = 1_000_000;
    let fetches = 0;
    const provider = refreshingCredentials({
      now: () => now,
      refreshBeforeMs: 60_000,
      fetch: async () => {
        fetches++;
        await new Promise((r) => setTimeout(r, 5));
        return {
          accessKeyId: `STS.${fetches}`,
          accessKeySecret: 's',
          securityToken: 't',
          expiration: new Date(now + 900_000),
        };
      },
    });
    const first = await Promise.all(Array.from({ length: 10 }, () => provider.getCredentials()));
    expect(new Set(first.map((c) => c.accessKeyId))).toEqual(new Set(['STS.1']));
    now += 800_000; // still valid, but within the refresh margin
    expect((await provider.getCredentials()).accessKeyId).toBe('STS.1');
    now += 50_000;
    expect((await provider.getCredentials()).accessKeyId).toBe('STS.2');
    provider.invalidate!(first[0]!); // stale: ignored
    expect((await provider.getCredentials()).accessKeyId).toBe('STS.2');
    expect(fetches).toBe(2);
  });

  it('wraps fetch failures as ERR_CREDENTIALS', async () => {
    const provider = refreshingCredentials({
      fetch: async () => {
        throw new Error('sts down');
      },
    });
    await expect(provider.getCredentials()).rejects.toMatchObject({ code: 'ERR_CREDENTIALS', message: /sts down/ });
  });
});

describe('STS credentials against the emulator', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await startTestEnv(await keyringOf((await testKeys()).main.private_key_pkcs1_pem));
  });
  afterAll(() => env.close());

  const assumeRole = async (): Promise<Credentials> => {
    const { Credentials: c } = await env.emulator.sts.assumeRole({ durationSeconds: 3600 });
    return {
      accessKeyId: c.AccessKeyId,
      accessKeySecret: c.AccessKeySecret,
      securityToken: c.SecurityToken,
      expiration: new Date(c.Expiration),
    };
  };

  it('an STS token expiring mid-upload is refreshed once (8 parts in flight) and the upload completes', async () => {
    let fetches = 0;
    const credentials = async () => {
      fetches++;
      return assumeRole();
    };
    const part = 100 * 1024 + 16;
    const client = env.client({ credentials, partSize: part, multipartThreshold: part, concurrency: 8 });
    const data = patternBytes(40 * part, 61);
    const file = join(env.dir, 'sts-src');
    await writeFile(file, data);
    let expired = false;
    const r = await client.upload('sts.bin', file, {
      onProgress: (p) => {
        if (!expired && p.partsDone >= 10) {
          expired = true;
          void env.emulator.faults.expireStsTokens();
        }
      },
    });
    expect(expired).toBe(true);
    expect(r.parts).toBe(40);
    expect(fetches).toBe(2);
    expect(env.emulator.faults.stats().stsExpirations).toBe(1);
    await client.download('sts.bin', join(env.dir, 'sts-out'));
    expect((await readFile(join(env.dir, 'sts-out'))).equals(data)).toBe(true);
  });

  it('rejected static credentials are ERR_CREDENTIALS', async () => {
    const client = env.client({ credentials: { accessKeyId: env.emulator.accessKeyId, accessKeySecret: 'wrong' } });
    await expect(client.put('x', 'y')).rejects.toMatchObject({ code: 'ERR_CREDENTIALS' });
  });

  it('signs with V1 when asked', async () => {
    const client = env.client({ signatureVersion: 'v1' });
    await client.put('v1.txt', 'signed with v1');
    expect(text((await client.get('v1.txt', { range: '12-' })).body)).toBe('v1');
  });
});
