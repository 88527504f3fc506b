import { describe, expect, it } from 'vitest';
import { WILDCARD_CACHE_LIMIT, wildcardCacheSize, wildcardMatch } from './wildcard.js';

// Matching itself is tested with the policies (policy.test.ts).
describe('wildcardMatch pattern cache', () => {
  it('keeps at most WILDCARD_CACHE_LIMIT compiled patterns however many distinct patterns it sees', () => {
    for (let i = 0; i < WILDCARD_CACHE_LIMIT * 3; i++) {
      expect(wildcardMatch(`acs:oss:*:*:bucket/user-${i}/*`, `acs:oss:r:1:bucket/user-${i}/k`, false)).toBe(true);
      expect(wildcardMatch(`acs:oss:*:*:bucket/user-${i}/*`, `acs:oss:r:1:bucket/user-${i + 1}/k`, false)).toBe(false);
    }
    expect(wildcardCacheSize()).toBeLessThanOrEqual(WILDCARD_CACHE_LIMIT);
    expect(wildcardCacheSize()).toBeGreaterThan(0);
  });
});
