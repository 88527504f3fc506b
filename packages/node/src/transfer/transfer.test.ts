// The part scheduler and the retry loop on their own.
import { describe, expect, it } from 'vitest';
import { OssCseError } from '@oss-cse/core';
import { runBounded } from './scheduler.js';
import { withRetry } from './retry.js';

describe('runBounded', () => {
  it('never runs more than `concurrency` tasks at once and runs each item once', async () => {
    let running = 0;
    let peak = 0;
    const seen: number[] = [];
    await runBounded(Array.from({ length: 50 }, (_, i) => i), 8, async (i) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setImmediate(r));
      seen.push(i);
      running--;
    });
    expect(peak).toBe(8);
    expect(seen.sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });

  it('stops scheduling at the first failure and waits for the running tasks', async () => {
    const started: number[] = [];
    let finished = 0;
    await expect(runBounded([1, 2, 3, 4, 5, 6], 2, async (i) => {
      started.push(i);
      await new Promise((r) => setImmediate(r));
      if (i === 2) throw new Error('boom');
      finished++;
    })).rejects.toThrow('boom');
    expect(started).toEqual([1, 2, 3]);
    expect(finished).toBe(2);
  });

  it('rejects with ERR_ABORTED once the signal fires', async () => {
    const controller = new AbortController();
    const done: number[] = [];
    await expect(runBounded([1, 2, 3, 4], 1, async (i) => {
      done.push(i);
      if (i === 2) controller.abort();
    }, controller.signal)).rejects.toMatchObject({ code: 'ERR_ABORTED' });
    expect(done).toEqual([1, 2]);
    await expect(runBounded([1], 0, async () => undefined)).rejects.toThrow(RangeError);
  });
});

describe('withRetry', () => {
  const transient = () => Object.assign(new Error('socket hang up'), { status: -1, code: 'ECONNRESET' });

  it('retries network errors, 5xx and throttling with the same operation, then succeeds', async () => {
    const errors = [transient(), Object.assign(new Error('x'), { status: 503 }), Object.assign(new Error('y'), { status: 429 })];
    const delays: number[] = [];
    let calls = 0;
    const result = await withRetry(async () => {
      calls++;
      const e = errors.shift();
      if (e) throw e;
      return 'ok';
    }, { retries: 4, baseDelayMs: 1, maxDelayMs: 4, onRetry: ({ delayMs }) => delays.push(delayMs) });
    expect(result).toBe('ok');
    expect(calls).toBe(4);
    expect(delays.every((d) => d >= 0 && d <= 4)).toBe(true);
  });

  it('gives up after `retries` and never retries client errors', async () => {
    let calls = 0;
    await expect(withRetry(async () => { calls++; throw transient(); }, { retries: 2, baseDelayMs: 1 })).rejects.toMatchObject({ code: 'ECONNRESET' });
    expect(calls).toBe(3);
    calls = 0;
    const denied = new OssCseError('ERR_TRANSPORT', 'denied', { details: { status: 403, retryable: false } });
    await expect(withRetry(async () => { calls++; throw denied; }, { retries: 5, baseDelayMs: 1 })).rejects.toBe(denied);
    expect(calls).toBe(1);
  });

  it('stops waiting when aborted', async () => {
    const controller = new AbortController();
    const p = withRetry(async () => { throw transient(); }, { retries: 5, baseDelayMs: 60_000, maxDelayMs: 60_000, signal: controller.signal, onRetry: () => controller.abort() });
    await expect(p).rejects.toMatchObject({ code: 'ERR_ABORTED' });
  });
});
