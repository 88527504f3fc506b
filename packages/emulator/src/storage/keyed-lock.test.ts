import { describe, expect, it } from 'vitest';
import { setTimeout as sleep } from 'node:timers/promises';
import { KeyedLock } from './keyed-lock.js';

describe('KeyedLock', () => {
  it('runs the jobs of one key one at a time, in call order, and those of other keys alongside', async () => {
    const lock = new KeyedLock();
    const events: string[] = [];
    const job = (name: string, ms: number) => async (): Promise<string> => {
      events.push(`start ${name}`);
      await sleep(ms);
      events.push(`end ${name}`);
      return name;
    };
    const results = await Promise.all([
      lock.run('a', job('a1', 30)),
      lock.run('a', job('a2', 1)),
      lock.run('b', job('b1', 5)),
    ]);
    expect(results).toEqual(['a1', 'a2', 'b1']);
    expect(events).toEqual(['start a1', 'start b1', 'end b1', 'end a1', 'start a2', 'end a2']);
    expect(lock.size).toBe(0);
  });

  it('a failing job rejects its caller only and lets the next one run', async () => {
    const lock = new KeyedLock();
    const failing = lock.run('k', async () => {
      throw new Error('boom');
    });
    const next = lock.run('k', async () => 'ran');
    await expect(failing).rejects.toThrow('boom');
    expect(await next).toBe('ran');
    expect(lock.size).toBe(0);
  });
});
