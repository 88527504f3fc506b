// Which request the decrypting Service Worker answers: `<base>objects/<key>` (the key's segments percent-encoded)
// and `<base>shared/<index>/<name>`. Pure.

/** A request the worker answers: an object of the bucket, or shared object number `index`. */
export type Route =
  { readonly kind: 'object'; readonly key: string } | { readonly kind: 'shared'; readonly index: number };

/** The default base path of the worker's URLs. */
export const DEFAULT_BASE = '/oss-cse/';

/**
 * With `download`, the worker answers as a download (Content-Disposition: attachment, the key's last segment as the
 * file name): link to it without the `download` attribute, which makes Chromium fetch past the worker.
 */
export interface PathOptions {
  /** Base path of the worker's URLs (default `/oss-cse/`). */
  readonly base?: string | undefined;
  /** Answer as a download. */
  readonly download?: boolean | undefined;
}

const DOWNLOAD = 'download';
const query = (o: PathOptions) => (o.download ? `?${DOWNLOAD}` : '');

/**
 * The file name a download of `key` gets.
 *
 * @example
 * ```ts
 * import { fileName } from '@oss-cse/browser/service-worker';
 * fileName('videos/a.mp4'); // 'a.mp4'
 * ```
 */
export const fileName = (key: string): string => key.split('/').pop() || 'download';

/**
 * The URL path of an object (each key segment percent-encoded).
 *
 * @example
 * ```ts
 * import { objectPath } from '@oss-cse/browser';
 * objectPath('videos/a b.mp4'); // '/oss-cse/objects/videos/a%20b.mp4'
 * ```
 */
export function objectPath(key: string, options: PathOptions = {}): string {
  return `${options.base ?? DEFAULT_BASE}objects/${key.split('/').map(encodeURIComponent).join('/')}${query(options)}`;
}

/**
 * The URL path of shared object number `index`, ending in its file name.
 *
 * @example
 * ```ts
 * import { sharedPath } from '@oss-cse/browser';
 * sharedPath(0, 'videos/a.mp4', { download: true }); // '/oss-cse/shared/0/a.mp4?download'
 * ```
 */
export function sharedPath(index: number, key: string, options: PathOptions = {}): string {
  return `${options.base ?? DEFAULT_BASE}shared/${index}/${encodeURIComponent(fileName(key))}${query(options)}`;
}

/**
 * Whether a worker URL asks for a download.
 *
 * @example
 * ```ts
 * import { wantsDownload } from '@oss-cse/browser/service-worker';
 * wantsDownload(new URL('https://app.example/oss-cse/objects/a.mp4?download')); // true
 * ```
 */
export const wantsDownload = (url: URL): boolean => url.searchParams.has(DOWNLOAD);

/**
 * The route of a same-origin URL path, or undefined when the worker leaves the request alone.
 *
 * @example
 * ```ts
 * import { routeOf } from '@oss-cse/browser/service-worker';
 * routeOf('/oss-cse/objects/videos/a%20b.mp4'); // { kind: 'object', key: 'videos/a b.mp4' }
 * routeOf('/index.html'); // undefined: not the worker's
 * ```
 */
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
