// The object list with each envelope, and the actions on an object: download + decrypt, preview, stored bytes.
import type { BrowserClient, DecryptingServiceWorker, ListedObject } from '@oss-cse/browser';
import { el, hexdump, mib } from './format.js';
import { explain, showMessage } from './messages.js';

const IMAGE = /\.(png|jpe?g|gif|webp|svg)$/i;
const VIDEO = /\.(mp4|webm)$/i;
const TYPES: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  svg: 'image/svg+xml',
  mp4: 'video/mp4',
  webm: 'video/webm',
};
const typeOf = (key: string) => TYPES[key.split('.').pop()?.toLowerCase() ?? ''] ?? 'application/octet-stream';

/** The decrypting Service Worker of the current key (it streams, decrypts and seeks; nothing is downloaded first). */
type Worker = () => Promise<DecryptingServiceWorker>;

export async function renderObjects(client: BrowserClient, prefix: string, worker: Worker): Promise<void> {
  const body = document.getElementById('object-rows')!;
  const listed: ListedObject[] = [];
  for await (const entry of client.list({ prefix })) if ('key' in entry) listed.push(entry);
  const rows = await Promise.all(
    listed.map(async (o) => {
      const info = await client.head(o.key).catch(() => null);
      const env = info?.envelope;
      const actions = el(
        'td',
        {},
        button('Download', 'download', () => download(client, o.key)),
        ...(IMAGE.test(o.key) || VIDEO.test(o.key)
          ? [button('Preview', 'preview-btn', () => preview(client, o.key))]
          : []),
        ...(VIDEO.test(o.key) ? [button('Play', 'play-btn', () => play(worker, o.key))] : []),
        ...(env ? [button('Share', 'share-btn', () => share(client, o.key))] : []),
        button('Stored bytes', 'stored-btn', () => stored(client, o.key)),
        button('Delete', 'delete', async () => {
          await client.delete(o.key);
          await renderObjects(client, prefix, worker);
        }),
      );
      return el(
        'tr',
        { 'data-key': o.key, 'data-testid': 'object', 'data-encrypted': String(Boolean(env)) },
        el('td', {}, o.key.slice(prefix.length)),
        el('td', {}, mib(o.size)),
        el('td', { 'data-testid': 'wrap-alg' }, env ? (env.wrapAlgorithm ?? '(none)') : 'not encrypted'),
        el('td', {}, env?.matdesc ? JSON.stringify(env.matdesc) : ''),
        el(
          'td',
          {},
          env?.unencryptedContentLength != null
            ? mib(env.unencryptedContentLength)
            : env?.dataSize != null
              ? mib(env.dataSize)
              : '',
        ),
        el('td', {}, env?.partSize ? `${mib(env.partSize)} parts` : env ? 'single' : ''),
        actions,
      );
    }),
  );
  body.replaceChildren(...rows);
}

function button(label: string, testid: string, action: () => Promise<void>): HTMLButtonElement {
  const b = el('button', { 'data-testid': testid }, label);
  b.addEventListener('click', () => {
    showMessage(null);
    action().catch((e: unknown) => showMessage(explain(e)));
  });
  return b;
}

async function download(client: BrowserClient, key: string): Promise<void> {
  const url = URL.createObjectURL(await client.downloadBlob(key, { type: typeOf(key) }));
  const a = el('a', { href: url, download: key.split('/').pop() ?? 'download' });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  showMessage({ kind: 'error', text: `Downloaded and decrypted ${key}.` }, true);
}

async function preview(client: BrowserClient, key: string): Promise<void> {
  const url = await client.objectUrl(key, { type: typeOf(key) });
  const media = VIDEO.test(key)
    ? el('video', { src: url, controls: '' })
    : el('img', { src: url, alt: key, 'data-testid': 'preview-img' });
  document.getElementById('preview')!.replaceChildren(media);
}

async function stored(client: BrowserClient, key: string): Promise<void> {
  const { bytes, headers } = await client.stored(key, { range: 'bytes=0-255' });
  const cse = Object.entries(headers)
    .filter(([k]) => k.startsWith('x-oss-meta-'))
    .map(([k, v]) => `${k}: ${v}`)
    .join('\n');
  document.getElementById('stored')!.textContent =
    `What the server stores for ${key} (first ${bytes.length} bytes of ciphertext):\n${hexdump(bytes)}\n\n${cse}`;
}

/** Plays through the decrypting Service Worker: the player's ranges are decrypted as they stream, seeks included. */
async function play(worker: Worker, key: string): Promise<void> {
  const video = el('video', { src: (await worker()).objectUrl(key), controls: '', 'data-testid': 'player' });
  document.getElementById('preview')!.replaceChildren(video);
  await video.play().catch(() => undefined);
}

/** A link anyone can open (another browser, no account) to play or download this one object until it expires. */
async function share(client: BrowserClient, key: string): Promise<void> {
  const seconds = Number((document.getElementById('share-expires') as HTMLInputElement).value) || 3600;
  const link = await client.share(key, { expiresIn: seconds, viewerUrl: new URL('/share.html', location.href) });
  const out = document.getElementById('share-link') as HTMLInputElement;
  out.value = link.url;
  out.dataset.key = key;
  document.getElementById('share-info')!.textContent =
    `Anyone with this link can read ${key.split('/').pop()} until ${link.expiresAt.toLocaleString()}. ` +
    'The key is in the part after #, which browsers never send to a server. To revoke it sooner, delete or ' +
    're-encrypt the object (rewrapping does not revoke it).';
}
