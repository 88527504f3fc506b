// The page's end of the decrypting Service Worker: registers it, then links to it (a MessagePort, the connection
// settings, a mirror of the keyring, the shared objects) and answers its calls: STS credentials from the page's
// credentials function, unwraps with the page's master keys. It links again whenever the worker asks (after the
// browser stopped and restarted it) and when a new worker takes over.
import { Keyring, OssCseError, type Credentials, type CredentialsProvider, type MasterKey } from '@oss-cse/core';
import type { ConnectionOptions, CredentialsOption } from '@oss-cse/transfer';
import type { SharedObject } from '../share/share-fragment.js';
import { keyringInfo } from '../worker/protocol.js';
import { createRpc } from '../worker/rpc.js';
import { answerKeyCall } from '../worker/worker-channel.js';
import { CONNECT, LINK, type LinkMessage, type LinkSession, type PageCall } from './protocol.js';
import { DEFAULT_BASE, objectPath, sharedPath, type PathOptions } from './routes.js';

/** The objects of one bucket the worker serves for this page: where they are, the keyring, the credentials. */
export interface ServedBucket extends ConnectionOptions {
  /** The master keys that decrypt the bucket's objects (they stay in the page). */
  readonly keyring: Keyring | MasterKey | readonly MasterKey[];
  /** Credentials for the worker's requests (asked from the page). */
  readonly credentials: CredentialsOption;
}

/** Options of {@link registerDecryptingServiceWorker}. */
export interface RegisterDecryptingServiceWorkerOptions {
  /** The worker script (a module: the ready-made `decrypting-sw` bundled as an entry, or your own worker). */
  readonly url: string | URL;
  /** Registration scope; it must cover the pages that use the worker's URLs (default `/`). */
  readonly scope?: string | undefined;
  /** Base path of the worker's URLs, as the worker was installed with (default `/oss-cse/`). */
  readonly base?: string | undefined;
  /** Serve this bucket's objects under `<base>objects/<key>`. */
  readonly bucket?: ServedBucket | undefined;
  /** Serve these shared objects under `<base>shared/<n>/<name>` (a share viewer). */
  readonly shares?: readonly SharedObject[] | undefined;
  /** Bytes per ranged GET of the worker's reads (a multiple of 16; default 1 MiB, so a seek wastes little). */
  readonly chunkSize?: number | undefined;
  /** How long to wait for the worker to control this page (default 10 s). */
  readonly timeoutMs?: number | undefined;
}

/** A registered decrypting worker linked to this page. */
export interface DecryptingServiceWorker {
  /** The Service Worker registration. */
  readonly registration: ServiceWorkerRegistration;
  /**
   * The URL of an object's plaintext (`<video src>`, `<img src>`, `<iframe src>`, fetch); with `download`, a link
   * that saves it (`<a href>` without the `download` attribute, which Chromium would fetch past the worker).
   */
  objectUrl(key: string, options?: Pick<PathOptions, 'download'>): string;
  /** The URL of shared object number `index` of `shares`. */
  sharedUrl(index: number, options?: Pick<PathOptions, 'download'>): string;
  /** Stops serving this page (its link closes; the worker stays registered). */
  unlink(): void;
}

/**
 * @example
 * ```ts
 * import { registerDecryptingServiceWorker, type Credentials } from '@oss-cse/browser';
 * import type { RsaMasterKey } from '@oss-cse/core';
 * declare const masterKey: RsaMasterKey, video: HTMLVideoElement;
 * declare function fetchStsToken(): Promise<Credentials>;
 * const sw = await registerDecryptingServiceWorker({
 *   url: '/oss-cse-sw.js',
 *   scope: '/',
 *   bucket: { bucket: 'photos', region: 'cn-hangzhou', keyring: masterKey, credentials: fetchStsToken },
 * });
 * video.src = sw.objectUrl('users/alice/movie.mp4');
 * ```
 */
export async function registerDecryptingServiceWorker(
  options: RegisterDecryptingServiceWorkerOptions,
): Promise<DecryptingServiceWorker> {
  const container = globalThis.navigator?.serviceWorker;
  if (!container)
    throw new OssCseError(
      'ERR_INVALID_ARGUMENT',
      'Service Workers are not available here (they need https or localhost)',
    );
  const base = options.base ?? DEFAULT_BASE;
  const registration = await container.register(options.url, { scope: options.scope ?? '/', type: 'module' });
  await controlled(container, options.timeoutMs ?? 10_000);

  const keyring = options.bucket ? Keyring.from(options.bucket.keyring) : undefined;
  const credentials = options.bucket ? credentialsOf(options.bucket.credentials) : undefined;
  const session: LinkSession = {
    objects:
      options.bucket && keyring
        ? { connection: connectionOf(options.bucket), keyring: keyringInfo(keyring.keys, keyring.defaultKey) }
        : undefined,
    shares: options.shares ?? [],
    chunkSize: options.chunkSize ?? 1024 * 1024,
  };
  let port: MessagePort | undefined;
  const link = (worker: ServiceWorker | null) => {
    if (!worker) return;
    port?.close();
    const channel = new MessageChannel();
    port = channel.port1;
    const own = port;
    const rpc = createRpc<never, PageCall>(
      (message, transfer) => own.postMessage(message, transfer),
      async (call) => {
        if (call.op !== 'credentials') return answerKeyCall(keyring!, call);
        if (!credentials) throw new OssCseError('ERR_CREDENTIALS', 'this page serves no bucket');
        return [await credentials(), []];
      },
    );
    own.onmessage = (e: MessageEvent) => rpc.receive(e.data);
    worker.postMessage({ type: LINK, session } satisfies LinkMessage, [channel.port2]);
  };
  const onMessage = (e: MessageEvent) => {
    if ((e.data as { type?: string } | null)?.type === CONNECT) link(e.source as ServiceWorker | null);
  };
  const onControllerChange = () => link(container.controller);
  container.addEventListener('message', onMessage);
  container.addEventListener('controllerchange', onControllerChange);
  link(container.controller);

  return {
    registration,
    objectUrl: (key, o) => objectPath(key, { ...o, base }),
    sharedUrl: (index, o) => sharedPath(index, session.shares[index]?.key ?? 'download', { ...o, base }),
    unlink() {
      container.removeEventListener('message', onMessage);
      container.removeEventListener('controllerchange', onControllerChange);
      port?.close();
      port = undefined;
    },
  };
}

/** Waits until a worker controls this page (a hard reload, Shift+F5, bypasses workers: then it never does). */
async function controlled(container: ServiceWorkerContainer, timeoutMs: number): Promise<void> {
  if (container.controller) return;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      container.removeEventListener('controllerchange', done);
      reject(
        new OssCseError(
          'ERR_INVALID_ARGUMENT',
          'the decrypting Service Worker does not control this page: its scope must cover the page (or the page was force-reloaded; reload it)',
        ),
      );
    }, timeoutMs);
    function done() {
      if (!container.controller) return;
      clearTimeout(timer);
      container.removeEventListener('controllerchange', done);
      resolve();
    }
    container.addEventListener('controllerchange', done);
  });
}

function connectionOf(b: ServedBucket): ConnectionOptions {
  const { bucket, region, endpoint, signatureVersion, pathStyle, timeoutMs } = b;
  return { bucket, region, endpoint, signatureVersion, pathStyle, timeoutMs };
}

/** The worker keeps and refreshes what it gets; the page asks its source each time the worker asks. */
function credentialsOf(c: CredentialsOption): () => Promise<Credentials> {
  if (typeof c === 'function') return async () => c();
  if (typeof (c as CredentialsProvider).getCredentials === 'function')
    return () => (c as CredentialsProvider).getCredentials();
  return () => Promise.resolve(c as Credentials);
}
