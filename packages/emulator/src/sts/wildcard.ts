function escapeRegExp(text: string): string {
  return text.replace(/[.+^${}()|[\]\\]/g, '\\$&');
}

/** Most compiled patterns kept (policies come from tokens, so their patterns are caller-controlled). */
export const WILDCARD_CACHE_LIMIT = 1000;

/** Compiled patterns, least recently used first (a Map keeps insertion order; a hit moves to the end). */
const cache = new Map<string, RegExp>();

/** How many compiled patterns are cached (at most WILDCARD_CACHE_LIMIT). */
export function wildcardCacheSize(): number {
  return cache.size;
}

function compiled(pattern: string, ignoreCase: boolean): RegExp {
  const cacheKey = `${ignoreCase ? 'i' : 's'}:${pattern}`;
  let regex = cache.get(cacheKey);
  if (regex) {
    cache.delete(cacheKey);
  } else {
    const source = pattern
      .split('*')
      .map((chunk) => chunk.split('?').map(escapeRegExp).join('.'))
      .join('.*');
    regex = new RegExp(`^${source}$`, ignoreCase ? 'is' : 's');
    if (cache.size >= WILDCARD_CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  }
  cache.set(cacheKey, regex);
  return regex;
}

/** RAM wildcard matching: `*` any run of characters (also empty), `?` exactly one. */
export function wildcardMatch(pattern: string, value: string, ignoreCase: boolean): boolean {
  return compiled(pattern, ignoreCase).test(value);
}
