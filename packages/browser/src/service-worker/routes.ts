// Which request the decrypting Service Worker answers: `<base>objects/<key>` (the key's segments percent-encoded)
// and `<base>shared/<index>/<name>`. Pure.

export type Route =
  { readonly kind: 'object'; readonly key: string } | { readonly kind: 'shared'; readonly index: number };

/** The default base path of the worker's URLs. */
export const DEFAULT_BASE = '/oss-cse/';

/** The URL path of an object (each key segment percent-encoded). */
export function objectPath(key: string, base = DEFAULT_BASE): string {
  return `${base}objects/${key.split('/').map(encodeURIComponent).join('/')}`;
}

/** The URL path of shared object number `index`, ending in its file name (for downloads). */
export function sharedPath(index: number, key: string, base = DEFAULT_BASE): string {
  return `${base}shared/${index}/${encodeURIComponent(key.split('/').pop() || 'download')}`;
}

/** The route of a same-origin URL path, or undefined when the worker leaves the request alone. */
export function routeOf(pathname: string, base = DEFAULT_BASE): Route | undefined {
  if (!pathname.startsWith(base)) return undefined;
  const rest = pathname.slice(base.length);
  try {
    if (rest.startsWith('objects/') && rest.length > 'objects/'.length)
      return { kind: 'object', key: rest.slice('objects/'.length).split('/').map(decodeURIComponent).join('/') };
  } catch {
    return undefined;
  }
  const shared = /^shared\/(\d{1,6})(?:\/[^/]*)?$/.exec(rest);
  if (shared) return { kind: 'shared', index: Number(shared[1]) };
  return undefined;
}
