// The decrypting Service Worker: answers GETs under `<base>objects/<key>` and `<base>shared/<n>/<name>` with
// plaintext, read and decrypted by the engine as the bytes arrive (objectResponse), for the page that asked. Every
// other request is left to the network. What it may serve comes from the pages over links (protocol.ts); a worker
// that the browser stopped and restarted has none, and asks the pages again before it answers.
import { CONNECT, LINK, type LinkMessage } from './protocol.js';
import { errorResponse, objectResponse } from './object-response.js';
import { PageLink } from './page-link.js';
import { DEFAULT_BASE, fileName, routeOf, wantsDownload, type Route } from './routes.js';
import type { FetchEventLike, ServiceWorkerScope } from './worker-scope.js';

/** Options of `installDecryptingServiceWorker`. */
export interface DecryptingWorkerOptions {
  /** Base path of the served URLs (default `/oss-cse/`); pages must register with the same. */
  readonly base?: string | undefined;
  /** Take over open pages at once (skipWaiting + clients.claim; default true). */
  readonly claim?: boolean | undefined;
  /** How long a request waits for a page to link after being asked (default 10 s). */
  readonly linkTimeoutMs?: number | undefined;
  /** How long a call into a page (credentials, unwrap through KMS) may take (default 60 s). */
  readonly callTimeoutMs?: number | undefined;
}

/**
 * Installs the decrypting handlers in the Service Worker that runs this (call it at the top level of your worker).
 *
 * @example
 * ```ts
 * // sw.ts, registered with registerDecryptingServiceWorker({ url: '/sw.js' })
 * import { installDecryptingServiceWorker } from '@oss-cse/browser/service-worker';
 * installDecryptingServiceWorker();
 * ```
 */
export function installDecryptingServiceWorker(options: DecryptingWorkerOptions = {}): void {
  const sw = globalThis as unknown as ServiceWorkerScope;
  const base = options.base ?? DEFAULT_BASE;
  const linkTimeoutMs = options.linkTimeoutMs ?? 10_000;
  const links = new Map<string, PageLink>();
  const waiters = new Set<{ clientId: string | undefined; resolve: (link: PageLink) => void }>();

  sw.addEventListener('message', (e) => {
    const data = e.data as Partial<LinkMessage> | null;
    const port = e.ports[0];
    if (data?.type !== LINK || !data.session || !port || !e.source) return;
    const clientId = e.source.id;
    links.get(clientId)?.close();
    const link = new PageLink(port, data.session, {
      timeoutMs: options.callTimeoutMs ?? 60_000,
      onDead: () => {
        if (links.get(clientId) === link) links.delete(clientId);
      },
    });
    links.set(clientId, link);
    for (const w of waiters) {
      if (w.clientId === undefined || w.clientId === clientId) {
        waiters.delete(w);
        w.resolve(link);
      }
    }
  });

  /** Asks `clients` to link, and waits for the first link from one of them (or from `clientId`). */
  function askForLink(clients: readonly { postMessage(m: unknown): void }[], clientId?: string): Promise<PageLink> {
    return new Promise<PageLink | undefined>((resolve) => {
      const waiter = { clientId, resolve };
      waiters.add(waiter);
      for (const c of clients) c.postMessage({ type: CONNECT });
      setTimeout(() => {
        waiters.delete(waiter);
        resolve(undefined);
      }, linkTimeoutMs);
    }).then((link) => link ?? Promise.reject(new Error('no page answered')));
  }

  /** The link of the requesting page; for navigations (no client yet), the link of any open page. */
  async function linkFor(event: FetchEventLike): Promise<PageLink | undefined> {
    const linked = links.get(event.clientId);
    if (linked) return linked;
    const requester = event.clientId ? await sw.clients.get(event.clientId) : undefined;
    if (requester) return askForLink([requester], requester.id).catch(() => undefined);
    for (const [id, link] of links) if (await sw.clients.get(id)) return link;
    const pages = await sw.clients.matchAll({ type: 'window', includeUncontrolled: true });
    return askForLink(pages).catch(() => undefined);
  }

  async function answer(event: FetchEventLike, route: Route, download: boolean): Promise<Response> {
    const link = await linkFor(event);
    if (!link)
      return errorResponse(503, 'ERR_CREDENTIALS', 'no page of this app is linked to the decrypting worker: open it');
    if (route.kind === 'object') {
      const objects = link.objects();
      if (!objects) return errorResponse(404, 'ERR_NOT_FOUND', 'this page serves shared objects only');
      return objectResponse(objects, route.key, event.request, {
        attachment: download ? fileName(route.key) : undefined,
      });
    }
    const shared = link.shared(route.index);
    if (!shared) return errorResponse(404, 'ERR_NOT_FOUND', `this page shares no object number ${route.index}`);
    return objectResponse(shared.reader, shared.key, event.request, {
      attachment: download ? fileName(shared.key) : undefined,
    });
  }

  sw.addEventListener('fetch', (event) => {
    const url = new URL(event.request.url);
    if (url.origin !== sw.location.origin) return;
    const route = routeOf(url.pathname, base);
    if (route) event.respondWith(answer(event, route, wantsDownload(url)));
  });

  if (options.claim !== false) {
    sw.addEventListener('install', (e) => e.waitUntil(sw.skipWaiting()));
    sw.addEventListener('activate', (e) => e.waitUntil(sw.clients.claim()));
  }
}
