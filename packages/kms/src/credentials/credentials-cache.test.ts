// CredentialsCache (Node + Chromium): core's single-flight refresh, failures as KmsError reason `credentials`.
import { describe, expect, it } from 'vitest';
import { CredentialsCache } from './credentials-cache.js';
import { KmsError } from '../errors.js';

const isCredentialsError = (e: unknown) => e instanceof KmsError && e.code === 'ERR_KMS' && e.reason === 'credentials';

describe('CredentialsCache', () => {
  it('refuses malformed static credentials at once', () => {
    expect(() => new CredentialsCache({ accessKeyId: '', accessKeySecret: 's' })).toThrow(KmsError);
    try {
      new CredentialsCache({ accessKeyId: 'a', accessKeySecret: 's', securityToken: '' });
      expect.unreachable();
    } catch (e) {
      expect(isCredentialsError(e)).toBe(true);
    }
  });

  it('serves static credentials without a provider and is not refreshable', async () => {
    const cache = new CredentialsCache({ accessKeyId: 'a', accessKeySecret: 's' });
    expect(cache.refreshable).toBe(false);
    const c = await cache.get();
    cache.invalidate(c);
    expect(await cache.get()).toBe(c);
  });

  it('calls the provider once for concurrent callers, again after invalidate and near expiry', async () => {
    let now = 1_000_000;
    let calls = 0;
    const cache = new CredentialsCache(
      async () => {
        calls++;
        await new Promise((r) => setTimeout(r, 5));
        return { accessKeyId: `STS.${calls}`, accessKeySecret: 's', securityToken: 't', expiration: now + 3_600_000 };
      },
      { now: () => now, refreshMarginMs: 60_000 },
    );
    const [a, b] = await Promise.all([cache.get(), cache.get()]);
    expect(a).toBe(b);
    expect(calls).toBe(1);
    cache.invalidate(a);
    expect((await cache.get()).accessKeyId).toBe('STS.2');
    now += 3_600_000 - 30_000; // inside the refresh margin
    expect((await cache.get()).accessKeyId).toBe('STS.3');
  });

  it('reports provider failures and unusable answers as KmsError reason credentials', async () => {
    await expect(
      new CredentialsCache(async () => {
        throw new Error('metadata server down');
      }).get(),
    ).rejects.toSatisfy(isCredentialsError);
    await expect(new CredentialsCache(async () => ({ accessKeyId: 'a' }) as never).get()).rejects.toSatisfy(
      isCredentialsError,
    );
    const refused = new KmsError('AssumeRole refused', {
      reason: 'rejected',
      action: 'AssumeRole',
      kmsCode: 'NoPermission',
    });
    await expect(
      new CredentialsCache(async () => {
        throw refused;
      }).get(),
    ).rejects.toBe(refused);
  });
});
