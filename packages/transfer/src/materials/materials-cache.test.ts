// The materials cache on its own: bounds by entries, bytes and age (an injected clock), least recently used evicted
// first, single-flight loads, failures never stored, clear() also discarding what was in flight, and the option's
// validation (0 or false disables).
import { describe, expect, it } from 'vitest';
import type { ContentMaterials } from '@oss-cse/core';
import { MATERIAL_BYTES, MaterialsCache, type MaterialsCacheLimits } from './materials-cache.js';
import { materialsCacheLimits } from './materials-opener.js';
import { DEFAULT_MATERIALS_CACHE } from '../config/defaults.js';

const LIMITS: MaterialsCacheLimits = { maxEntries: 100, maxBytes: 1 << 20, maxAgeMs: 60_000 };

async function newCipher(): Promise<ContentMaterials> {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  const key = await crypto.subtle.importKey('raw', bytes, 'AES-CTR', false, ['encrypt', 'decrypt']);
  return { key, iv: new Uint8Array(16) };
}

/** A loader that counts its calls and opens a new cipher each time. */
function counting(): { load: () => Promise<ContentMaterials>; calls: () => number } {
  let calls = 0;
  return {
    load: () => {
      calls++;
      return newCipher();
    },
    calls: () => calls,
  };
}

describe('MaterialsCache', () => {
  it('serves a stored cipher without loading again, and loads another key', async () => {
    const cache = new MaterialsCache(LIMITS);
    const c = counting();
    const first = await cache.get('a', c.load);
    expect(await cache.get('a', c.load)).toBe(first);
    expect(await cache.get('b', c.load)).not.toBe(first);
    expect(c.calls()).toBe(2);
  });

  it('evicts the least recently used entry beyond maxEntries', async () => {
    const cache = new MaterialsCache({ ...LIMITS, maxEntries: 2 });
    const c = counting();
    await cache.get('a', c.load);
    await cache.get('b', c.load);
    await cache.get('a', c.load); // a is now the most recently used
    await cache.get('c', c.load); // evicts b
    await cache.get('a', c.load);
    await cache.get('c', c.load);
    expect(c.calls()).toBe(3);
    await cache.get('b', c.load);
    expect(c.calls()).toBe(4);
  });

  it('evicts beyond maxBytes, counting each key and its 48 bytes of material, and skips an entry larger than all', async () => {
    const key = (n: number) => String(n).padStart(100, '0');
    const entry = 100 + MATERIAL_BYTES;
    const cache = new MaterialsCache({ ...LIMITS, maxBytes: 3 * entry });
    const c = counting();
    for (let i = 0; i < 5; i++) await cache.get(key(i), c.load);
    for (const i of [2, 3, 4]) await cache.get(key(i), c.load); // the three most recent fit
    expect(c.calls()).toBe(5);
    await cache.get(key(0), c.load); // evicted: loads again, and evicts key(2)
    expect(c.calls()).toBe(6);
    await cache.get('x'.repeat(3 * entry), c.load); // larger than maxBytes: never stored, evicts nothing
    await cache.get('x'.repeat(3 * entry), c.load);
    expect(c.calls()).toBe(8);
    for (const i of [3, 4, 0]) await cache.get(key(i), c.load);
    expect(c.calls()).toBe(8);
  });

  it('serves an entry for maxAgeMs after its unwrap, however often it is used, and drops every expired entry', async () => {
    let now = 1_000;
    const cache = new MaterialsCache({ ...LIMITS, maxAgeMs: 100 }, () => now);
    const c = counting();
    const first = await cache.get('a', c.load);
    now += 60;
    await cache.get('b', c.load);
    now += 39; // a is 99 ms old
    expect(await cache.get('a', c.load)).toBe(first);
    now += 1; // a is 100 ms old: expired, although just used
    expect(await cache.get('b', c.load)).toBeDefined();
    expect(await cache.get('a', c.load)).not.toBe(first);
    expect(c.calls()).toBe(3);
  });

  it('never serves an entry past maxAgeMs, even one unwrapped after the clock was set back', async () => {
    let now = 1_000;
    const cache = new MaterialsCache({ ...LIMITS, maxAgeMs: 100 }, () => now);
    const c = counting();
    const a = await cache.get('a', c.load);
    now = 500; // the clock set back: b is unwrapped "before" a
    const b = await cache.get('b', c.load);
    now = 600; // b is 100 ms old, a is not
    expect(await cache.get('a', c.load)).toBe(a);
    expect(await cache.get('b', c.load)).not.toBe(b);
    expect(c.calls()).toBe(3);
  });

  it('loads once for concurrent callers (single flight)', async () => {
    const cache = new MaterialsCache(LIMITS);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let calls = 0;
    const load = async () => {
      calls++;
      await gate;
      return newCipher();
    };
    const waiting = Array.from({ length: 10 }, () => cache.get('a', load));
    release();
    const ciphers = await Promise.all(waiting);
    expect(calls).toBe(1);
    expect(new Set(ciphers).size).toBe(1);
  });

  it('never stores a failure: every caller of the failed flight sees it, the next call loads again', async () => {
    const cache = new MaterialsCache(LIMITS);
    let calls = 0;
    const failing = async (): Promise<ContentMaterials> => {
      calls++;
      await Promise.resolve();
      throw new Error('unwrap failed');
    };
    const results = await Promise.allSettled([cache.get('a', failing), cache.get('a', failing)]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(calls).toBe(1);
    await expect(cache.get('a', failing)).rejects.toThrow('unwrap failed');
    expect(calls).toBe(2);
  });

  it("a shared load is given no caller's signal (one caller's abort must not fail the others)", async () => {
    const cache = new MaterialsCache(LIMITS);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const args: unknown[] = [];
    const load = async (...given: unknown[]) => {
      args.push(...given);
      await gate;
      return newCipher();
    };
    const one = cache.get('a', load);
    const other = cache.get('a', load);
    release();
    expect(await other).toBe(await one);
    expect(args).toEqual([]);
  });

  it('clear() forgets every entry and what a load in flight would have stored', async () => {
    const cache = new MaterialsCache(LIMITS);
    const c = counting();
    await cache.get('a', c.load);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const inFlight = cache.get('b', async () => {
      await gate;
      return newCipher();
    });
    cache.clear();
    release();
    await inFlight;
    await cache.get('a', c.load);
    expect(c.calls()).toBe(2);
    let reloaded = 0;
    await cache.get('b', () => (reloaded++, newCipher()));
    expect(reloaded).toBe(1);
  });
});

describe('materialsCacheLimits (the client option)', () => {
  it('defaults, each limit replaceable, false or any 0 disables', () => {
    expect(materialsCacheLimits(undefined)).toEqual(DEFAULT_MATERIALS_CACHE);
    expect(DEFAULT_MATERIALS_CACHE).toEqual({ maxEntries: 1000, maxBytes: 1048576, maxAgeMs: 300000 });
    expect(materialsCacheLimits({ maxAgeMs: 10 })).toEqual({ ...DEFAULT_MATERIALS_CACHE, maxAgeMs: 10 });
    expect(materialsCacheLimits(false)).toBe(false);
    expect(materialsCacheLimits({ maxEntries: 0 })).toBe(false);
    expect(materialsCacheLimits({ maxBytes: 0 })).toBe(false);
    expect(materialsCacheLimits({ maxAgeMs: 0 })).toBe(false);
  });

  it('refuses limits that are not non-negative integers', () => {
    expect(() => materialsCacheLimits({ maxEntries: -1 })).toThrow(RangeError);
    expect(() => materialsCacheLimits({ maxBytes: 1.5 })).toThrow(/"materialsCache" limits/);
    expect(() => materialsCacheLimits({ maxAgeMs: Number.NaN })).toThrow(RangeError);
    expect(materialsCacheLimits({ maxEntries: undefined, maxAgeMs: 5 })).toEqual({
      ...DEFAULT_MATERIALS_CACHE,
      maxAgeMs: 5,
    });
  });
});
