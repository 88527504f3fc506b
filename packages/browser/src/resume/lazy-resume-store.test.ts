import { memoryResumeStore, type ResumeStore } from '@oss-cse/transfer';
import { describe, expect, it } from 'vitest';
import { lazyResumeStore } from './lazy-resume-store.js';

describe('lazyResumeStore', () => {
  it('loads the store at the first call only, and forwards every call to it', async () => {
    const inner = memoryResumeStore();
    const seen: string[] = [];
    const spy: ResumeStore = {
      load: (id) => (seen.push(`load ${id}`), inner.load(id)),
      save: (r) => (seen.push('save'), inner.save(r)),
      delete: (id) => (seen.push(`delete ${id}`), inner.delete(id)),
      list: () => (seen.push('list'), inner.list()),
    };
    let loads = 0;
    const store = lazyResumeStore(async () => (loads++, spy));
    expect(loads).toBe(0);
    expect(await store.load('a')).toBeUndefined();
    expect(await store.list()).toEqual([]);
    await store.delete('b');
    expect(loads).toBe(1);
    expect(seen).toEqual(['load a', 'list', 'delete b']);
  });

  it('reports a failed load as ERR_CHECKPOINT and tries again at the next call', async () => {
    let attempt = 0;
    const store = lazyResumeStore(async () => {
      if (++attempt === 1) throw new TypeError('Failed to fetch dynamically imported module');
      return memoryResumeStore();
    });
    await expect(store.list()).rejects.toMatchObject({
      code: 'ERR_CHECKPOINT',
      message: expect.stringContaining('Failed to fetch dynamically imported module'),
    });
    expect(await store.list()).toEqual([]);
    expect(attempt).toBe(2);
  });
});
