function escapeRegExp(text: string): string {
  return text.replace(/[.+^${}()|[\]\\]/g, '\\$&');
}

const cache = new Map<string, RegExp>();

/** RAM wildcard matching: `*` any run of characters (also empty), `?` exactly one. */
export function wildcardMatch(pattern: string, value: string, ignoreCase: boolean): boolean {
  const cacheKey = `${ignoreCase ? 'i' : 's'}:${pattern}`;
  let regex = cache.get(cacheKey);
  if (!regex) {
    const source = pattern
      .split('*')
      .map((chunk) => chunk.split('?').map(escapeRegExp).join('.'))
      .join('.*');
    regex = new RegExp(`^${source}$`, ignoreCase ? 'is' : 's');
    cache.set(cacheKey, regex);
  }
  return regex.test(value);
}
