// The share viewer any app can host: reads the link's fragment (never sent to a server), hands the shared object
// to the decrypting Service Worker and shows it from the worker's URL: a player for video and audio, an image, a
// PDF frame, and a download link for any type. A link that no longer works says so plainly.
import { isOssCseError } from '@oss-cse/core';
import { registerDecryptingServiceWorker } from '../service-worker/register.js';
import { decodeShareFragment, type SharedObject } from './share-fragment.js';

/** Options of {@link mountShareViewer}. */
export interface ShareViewerOptions {
  /** The decrypting worker script (the same one the app registers). */
  readonly workerUrl: string | URL;
  /** Registration scope of the worker (default `/`). */
  readonly scope?: string | undefined;
  /** Base path of the worker's URLs (default `/oss-cse/`). */
  readonly base?: string | undefined;
  /** The fragment to read (default `location.hash`). */
  readonly hash?: string | undefined;
}

/** A mounted share viewer. */
export interface ShareViewer {
  /** The shared object of the link. */
  readonly shared: SharedObject;
  /** The worker URL of the plaintext. */
  readonly url: string;
}

/**
 * Shows the shared object of this page's link in `container` (`data-state` becomes `ready` or `error`; errors are
 * shown in the container and also thrown). Serve the viewer page with `Referrer-Policy: no-referrer`.
 *
 * @example
 * ```ts
 * import { mountShareViewer } from '@oss-cse/browser';
 * await mountShareViewer(document.getElementById('viewer')!, { workerUrl: '/oss-cse-sw.js' });
 * ```
 */
export async function mountShareViewer(container: HTMLElement, options: ShareViewerOptions): Promise<ShareViewer> {
  let shared: SharedObject | undefined;
  try {
    shared = decodeShareFragment(options.hash ?? location.hash);
    if (Date.now() >= shared.expiresAt) throw new Error(expiredMessage(shared));
    const sw = await registerDecryptingServiceWorker({
      url: options.workerUrl,
      scope: options.scope,
      base: options.base,
      shares: [shared],
    });
    const url = sw.sharedUrl(0);
    await probe(url, shared);
    const name = shared.key.split('/').pop() || 'download';
    const media = mediaFor(shared.contentType, url, name);
    if (media)
      media.addEventListener('error', () => {
        probe(url, shared!).catch((e: unknown) => fail(container, e));
      });
    // No `download` attribute: Chromium would fetch past the worker. The worker answers ?download as an attachment.
    const download = document.createElement('a');
    download.href = sw.sharedUrl(0, { download: true });
    download.textContent = `Download ${name}`;
    download.dataset.testid = 'share-download';
    container.replaceChildren(...(media ? [media] : []), download);
    container.dataset.state = 'ready';
    return { shared, url };
  } catch (e) {
    fail(container, e);
    throw e;
  }
}

/** The element that shows `type`: a player, an image or a PDF frame (none for other types: download only). */
function mediaFor(type: string, url: string, name: string): HTMLElement | undefined {
  const kind = type.split('/')[0];
  let media: HTMLVideoElement | HTMLAudioElement | HTMLImageElement | HTMLIFrameElement;
  if (kind === 'video' || kind === 'audio') {
    media = document.createElement(kind);
    media.controls = true;
  } else if (kind === 'image') {
    media = Object.assign(document.createElement('img'), { alt: name });
  } else if (type === 'application/pdf') {
    media = Object.assign(document.createElement('iframe'), { title: name });
  } else return undefined;
  media.src = url;
  media.dataset.testid = 'share-media';
  return media;
}

/** One byte through the worker: the storage's verdict on the link before anything is shown. */
async function probe(url: string, shared: SharedObject): Promise<void> {
  const res = await fetch(url, { headers: { range: 'bytes=0-0' }, cache: 'no-store' });
  if (res.ok) {
    await res.body?.cancel();
    return;
  }
  const body = (await res.json().catch(() => ({}))) as { code?: string; message?: string };
  if (Date.now() >= shared.expiresAt) throw new Error(expiredMessage(shared));
  throw new Error(
    `This share link does not work: the storage refused it (${body.code ?? res.status}${body.message ? `: ${body.message}` : ''}). It may have been revoked; ask the sender for a new link.`,
  );
}

function expiredMessage(shared: SharedObject): string {
  return `This share link expired at ${new Date(shared.expiresAt).toLocaleString()}: ask the sender for a new link.`;
}

function fail(container: HTMLElement, e: unknown): void {
  const message = document.createElement('p');
  message.dataset.testid = 'share-error';
  message.setAttribute('role', 'alert');
  message.textContent = isOssCseError(e) || e instanceof Error ? e.message : String(e);
  container.replaceChildren(message);
  container.dataset.state = 'error';
}
