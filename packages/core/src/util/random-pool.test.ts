// The random pool: one getRandomValues call serves many small requests; each byte is handed out once (copied, then
// wiped from the pool); large requests get a call of their own.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RANDOM_POOL_BYTES, randomBytes } from './random-pool.js';

describe('randomBytes', () => {
  afterEach(() => vi.restoreAllMocks());

  it('serves consecutive requests from one draw, each byte once, wiped from the pool when handed out', () => {
    randomBytes(RANDOM_POOL_BYTES); // the pool is now used up: the next request draws
    const drawn: Uint8Array[] = [];
    const real = crypto.getRandomValues.bind(crypto);
    const draws = vi.spyOn(crypto, 'getRandomValues').mockImplementation(<T extends ArrayBufferView>(a: T) => {
      drawn.push((real(a as unknown as Uint8Array) as Uint8Array).slice());
      return a;
    });
    const key = randomBytes(32);
    const iv = randomBytes(16);
    const padding = Array.from({ length: 10 }, () => randomBytes(221));
    expect(draws).toHaveBeenCalledTimes(1);
    expect(key).toEqual(drawn[0]!.subarray(0, 32));
    expect(iv).toEqual(drawn[0]!.subarray(32, 48));
    expect(padding[9]).toEqual(drawn[0]!.subarray(48 + 9 * 221, 48 + 10 * 221));
    const pool = draws.mock.results[0]!.value as Uint8Array;
    expect(pool.subarray(0, 48 + 10 * 221).every((b) => b === 0)).toBe(true);
    expect(key.buffer).not.toBe(pool.buffer);
    randomBytes(RANDOM_POOL_BYTES); // does not fit in what is left: a draw of its own
    expect(draws).toHaveBeenCalledTimes(2);
    expect(randomBytes(RANDOM_POOL_BYTES + 1)).toHaveLength(RANDOM_POOL_BYTES + 1);
    expect(draws).toHaveBeenCalledTimes(3);
  });
});
