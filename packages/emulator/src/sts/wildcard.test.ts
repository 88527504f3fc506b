import { describe, expect, it } from 'vitest';
import { WILDCARD_CACHE_LIMIT, wildcardCacheSize, wildcardMatch } from './wildcard.js';

describe('wildcardMatch', () => {
  it('matches * and ? as RAM does', () => {
    expect(wildcardMatch('acs:oss:*:*:bucket/uploads/alice/*', 'acs:oss:cn-hangzhou:1:bucket/uploads/alice/a.bin', false)).toBe(true);
    expect(wildcardMatch('acs:oss:*:*:bucket/uploads/alice/*', 'acs:oss:cn-hangzhou:1:bucket/uploads/bob/a.bin', false)).toBe(false);
    expect(wildcardMatch('oss:Get?bject', 'OSS:GETOBJECT', true)).toBe(true);
    expect(wildcardMatch('a.b(c)+', 'a.b(c)+', false)).toBe(true);
    expect(wildcardMatch('a.b', 'axb', false)).toBe(false);
  });

  it('keeps at most WILDCARD_CACHE_LIMIT compiled patterns however many distinct patterns it sees', () => {
    for (let i = 0; i < WILDCARD_CACHE_LIMIT * 3; i++) {
      expect(wildcardMatch(`acs:oss:*:*:bucket/user-${i}/*`, `acs:oss:r:1:bucket/user-${i}/k`, false)).toBe(true);
      expect(wildcardMatch(`acs:oss:*:*:bucket/user-${i}/*`, `acs:oss:r:1:bucket/user-${i + 1}/k`, false)).toBe(false);
    }
    expect(wildcardCacheSize()).toBeLessThanOrEqual(WILDCARD_CACHE_LIMIT);
    expect(wildcardCacheSize()).toBeGreaterThan(0);
  });
});
