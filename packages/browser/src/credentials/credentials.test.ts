import { describe, expect, it } from 'vitest';
import { credentialsProvider } from './credentials.js';

const token = (n: number, expiration?: number) => ({ accessKeyId: `STS.${n}`, accessKeySecret: 's', securityToken: `t${n}`, expiration });

describe('credentialsProvider', () => {
  it('refreshes once for many parallel callers (single flight)', async () => {
    let calls = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => { release = r; });
    const p = credentialsProvider(async () => { calls++; await gate; return token(calls); });
    const all = Promise.all(Array.from({ length: 16 }, () => p.get()));
    release();
    const got = await all;
    expect(calls).toBe(1);
    expect(new Set(got).size).toBe(1);
  });

  it('refreshes before expiry, and after invalidate of the current token only', async () => {
    let now = 1_000_000;
    let n = 0;
    const p = credentialsProvider(async () => token(++n, now + 900_000), { now: () => now, refreshBeforeMs: 60_000 });
    const first = await p.get();
    now += 800_000;
    expect(await p.get()).toBe(first);
    now += 50_000; // within 60 s of expiry
    const second = await p.get();
    expect(second.securityToken).toBe('t2');
    p.invalidate(first); // stale: ignored
    expect(await p.get()).toBe(second);
    p.invalidate(second);
    expect((await p.get()).securityToken).toBe('t3');
    expect(p.refreshes).toBe(3);
  });

  it('rejects malformed credentials and failing sources with ERR_CREDENTIALS', async () => {
    await expect(credentialsProvider(async () => ({ accessKeyId: '' }) as never).get()).rejects.toMatchObject({ code: 'ERR_CREDENTIALS' });
    await expect(credentialsProvider(async () => { throw new Error('sts down'); }).get()).rejects.toMatchObject({ code: 'ERR_CREDENTIALS', message: expect.stringContaining('sts down') });
    expect(() => credentialsProvider('x' as never)).toThrow(TypeError);
  });
});
