// Turns (Node + Chromium): at most `count` out at once, the next given in the order asked, each given back once.
import { describe, expect, it } from 'vitest';
import { turns } from './turns.js';

describe('turns', () => {
  it('gives at most `count` turns at once, the next ones in the order they were asked for', async () => {
    const take = turns(2);
    const order: number[] = [];
    const given = [1, 2, 3, 4].map((n) =>
      take().then((done) => {
        order.push(n);
        return done;
      }),
    );
    const first = await given[0]!;
    const second = await given[1]!;
    await Promise.resolve();
    expect(order).toEqual([1, 2]);
    second();
    second(); // a turn given back twice counts once
    const third = await given[2]!;
    await Promise.resolve();
    expect(order).toEqual([1, 2, 3]);
    first();
    (await given[3]!)();
    third();
    expect(order).toEqual([1, 2, 3, 4]);
    // All given back: two at once again.
    const [a, b] = await Promise.all([take(), take()]);
    let another = false;
    const c = take().then(() => (another = true));
    await Promise.resolve();
    expect(another).toBe(false);
    a();
    await c;
    b();
  });

  it('refuses a count that is not a positive integer', () => {
    expect(() => turns(0)).toThrow(RangeError);
    expect(() => turns(1.5)).toThrow(RangeError);
  });
});
