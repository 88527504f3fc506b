// Conformance (Node + Chromium): retries, abortable sleeps, and single-flight credential refresh.
import { describe, expect, it } from 'vitest';
import { withRetry } from './retry.js';
import { sleep } from './abort.js';
import { refreshingCredentials, staticCredentials, checkCredentials, expirationMs } from './credentials.js';
import { OssCseError } from '../errors.js';

const transient = new OssCseError('ERR_TRANSPORT', 'reset', { details: { retryable: true } });
const isRetryable = (e: unknown) => e instanceof OssCseError && e.details?.['retryable'] === true;

describe('withRetry', () => {
  it('retries retryable failures with backoff and returns the first success', async () => {
    let calls = 0;
    const delays: number[] = [];
    const result = await withRetry(async () => (++calls < 3 ? Promise.reject(transient) : 'ok'), {
      isRetryable,
      baseDelayMs: 8,
      random: () => 0.5,
      onRetry: (i) => delays.push(i.delayMs),
    });
    expect(result).toBe('ok');
    expect(calls).toBe(3);
    expect(delays).toEqual([4, 8]);
  });
  it('gives up after `retries` and never retries other errors', async () => {
    let calls = 0;
    await expect(
      withRetry(
        async () => {
          calls++;
          throw transient;
        },
        { isRetryable, retries: 2, baseDelayMs: 1 },
      ),
    ).rejects.toBe(transient);
    expect(calls).toBe(3);
    const fatal = new OssCseError('ERR_NOT_FOUND', 'gone');
    calls = 0;
    await expect(
      withRetry(
        async () => {
          calls++;
          throw fatal;
        },
        { isRetryable },
      ),
    ).rejects.toBe(fatal);
    expect(calls).toBe(1);
  });
  it('an abort during a backoff rejects with ERR_ABORTED at once', async () => {
    const ctl = new AbortController();
    const p = withRetry(
      async () => {
        throw transient;
      },
      { isRetryable, baseDelayMs: 60_000, random: () => 0.99, signal: ctl.signal },
    );
    setTimeout(() => ctl.abort(new Error('user')), 5);
    await expect(p).rejects.toMatchObject({ code: 'ERR_ABORTED' });
    await expect(sleep(10, AbortSignal.abort())).rejects.toMatchObject({ code: 'ERR_ABORTED' });
  });
});

describe('credentials', () => {
  it('refreshes once for many concurrent callers, before expiry, and after invalidate', async () => {
    let clock = 1_000_000;
    let fetches = 0;
    const provider = refreshingCredentials({
      now: () => clock,
      refreshBeforeMs: 60_000,
      fetch: async () => {
        fetches++;
        await sleep(5);
        return {
          accessKeyId: `STS.${fetches}`,
          accessKeySecret: 's',
          securityToken: 't',
          expiration: new Date(clock + 900_000).toISOString(),
        };
      },
    });
    const all = await Promise.all(Array.from({ length: 20 }, () => provider.getCredentials()));
    expect(new Set(all.map((c) => c.accessKeyId))).toEqual(new Set(['STS.1']));
    clock += 900_000 - 60_000 - 1;
    expect((await provider.getCredentials()).accessKeyId).toBe('STS.1');
    clock += 2;
    expect((await provider.getCredentials()).accessKeyId).toBe('STS.2');
    const stale = await provider.getCredentials();
    provider.invalidate(stale);
    provider.invalidate(stale);
    const fresh = await Promise.all([provider.getCredentials(), provider.getCredentials()]);
    expect(fresh.map((c) => c.accessKeyId)).toEqual(['STS.3', 'STS.3']);
    expect(provider.refreshes).toBe(3);
  });
  it('wraps provider failures and validates what providers return', async () => {
    await expect(
      refreshingCredentials({
        fetch: async () => {
          throw new Error('STS down');
        },
      }).getCredentials(),
    ).rejects.toMatchObject({
      code: 'ERR_CREDENTIALS',
      message: expect.stringContaining('STS down'),
    });
    await expect(
      refreshingCredentials({ fetch: async () => ({ accessKeyId: '', accessKeySecret: 'x' }) }).getCredentials(),
    ).rejects.toMatchObject({ code: 'ERR_CREDENTIALS' });
    expect(() => checkCredentials({ accessKeyId: 'a', accessKeySecret: 'b', expiration: 'not a date' })).toThrow(
      expect.objectContaining({ code: 'ERR_CREDENTIALS' }),
    );
    expect(() => checkCredentials({ accessKeyId: 'a', accessKeySecret: 'b', securityToken: '' })).toThrow(
      expect.objectContaining({ code: 'ERR_CREDENTIALS', message: expect.stringContaining('securityToken') }),
    );
    expect(expirationMs({ accessKeyId: 'a', accessKeySecret: 'b' })).toBe(Number.POSITIVE_INFINITY);
    expect(await staticCredentials({ accessKeyId: 'a', accessKeySecret: 'b' }).getCredentials()).toEqual({
      accessKeyId: 'a',
      accessKeySecret: 'b',
    });
  });
});
