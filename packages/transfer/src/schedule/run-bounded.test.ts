// The part scheduler on its own: bounded concurrency, every item once, stop at the first failure or abort and
// wait for the tasks already running (moved from @oss-cse/node, whose scheduler this replaced).
import { describe, expect, it } from 'vitest';
import { runBounded } from './run-bounded.js';

describe('runBounded', () => {
  it('never runs more than `concurrency` tasks at once and runs each item once', async () => {
    let running = 0;
    let peak = 0;
    const seen: number[] = [];
    await runBounded(
      Array.from({ length: 50 }, (_, i) => i),
      8,
      async (i) => {
        running++;
        peak = Math.max(peak, running);
        await new Promise((r) => setTimeout(r, 0));
        seen.push(i);
        running--;
      },
    );
    expect(peak).toBe(8);
    expect(seen.sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });

  it('stops scheduling at the first failure and waits for the running tasks', async () => {
    const started: number[] = [];
    let finished = 0;
    await expect(
      runBounded([1, 2, 3, 4, 5, 6], 2, async (i) => {
        started.push(i);
        await new Promise((r) => setTimeout(r, 0));
        if (i === 2) throw new Error('boom');
        finished++;
      }),
    ).rejects.toThrow('boom');
    expect(started).toEqual([1, 2, 3]);
    expect(finished).toBe(2);
  });

  it('rejects with ERR_ABORTED once the signal fires', async () => {
    const controller = new AbortController();
    const done: number[] = [];
    await expect(
      runBounded(
        [1, 2, 3, 4],
        1,
        async (i) => {
          done.push(i);
          if (i === 2) controller.abort();
        },
        controller.signal,
      ),
    ).rejects.toMatchObject({ code: 'ERR_ABORTED' });
    expect(done).toEqual([1, 2]);
    await expect(runBounded([1], 0, async () => undefined)).rejects.toThrow(RangeError);
  });
});
