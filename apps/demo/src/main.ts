// The demo page: signs in (or shows the sign-in form), then wires the key panel, drag-and-drop uploads, pending
// uploads and the object list to one @oss-cse/browser client (recreated when the key changes).
import {
  createClient,
  registerDecryptingServiceWorker,
  type BrowserClient,
  type DecryptingServiceWorker,
  type UploadRecord,
} from '@oss-cse/browser';
import type { MasterKey } from '@oss-cse/core';
import { fetchToken, loadConfig, type DemoConfig } from './api.js';
import { el } from './format.js';
import { keyPanel } from './keys.js';
import { explain, showMessage } from './messages.js';
import { renderObjects } from './objects.js';
import { showSignIn, showSignOut } from './session.js';
import { startTransfer } from './transfers.js';

let config: DemoConfig;
let client: BrowserClient | undefined;
/** The decrypting Service Worker linked with the current key: plays and previews objects as they stream. */
let worker: Promise<DecryptingServiceWorker> | undefined;

const report = (e: unknown): void => showMessage(explain(e));

function needClient(): BrowserClient {
  if (!client) throw new Error('Choose or generate a master key first (section 1).');
  return client;
}

function useKey(key: MasterKey, label: string): void {
  client?.close();
  const connection = {
    bucket: config.bucket,
    endpoint: config.endpoint,
    region: config.region,
    pathStyle: config.pathStyle,
  };
  client = createClient({ ...connection, keyring: key, credentials: fetchToken });
  const previous = worker;
  worker = (async () => {
    (await previous?.catch(() => undefined))?.unlink();
    return registerDecryptingServiceWorker({
      url: '/oss-cse-sw.js',
      bucket: { ...connection, keyring: key, credentials: fetchToken },
    });
  })();
  worker.then(
    () => (document.body.dataset.worker = 'ready'),
    (e: unknown) => {
      document.body.dataset.worker = 'failed';
      report(e);
    },
  );
  document.getElementById('key-info')!.textContent =
    `${label} · wraps with ${key.wrapAlgorithm}${Object.keys(key.description).length ? ` · matdesc ${JSON.stringify(key.description)}` : ''}`;
  document.body.dataset.key = 'ready';
  document.body.dataset.keyLabel = label;
  refresh();
}

function refresh(): void {
  if (!client) return;
  renderObjects(client, config.prefix, () => worker!).catch(report);
  renderPending().catch(report);
}

async function renderPending(): Promise<void> {
  const items = (await needClient().pendingTransfers()).filter((r): r is UploadRecord => r.kind === 'upload');
  document.getElementById('pending')!.replaceChildren(
    ...items.map((u) => {
      const discard = el('button', { 'data-testid': 'discard' }, 'Discard');
      discard.addEventListener('click', () => {
        needClient().discardTransfer(u).then(refresh, report);
      });
      const total = Math.max(1, Math.ceil(u.dataSize / u.partSize));
      return el(
        'li',
        { 'data-testid': 'pending-upload', 'data-key': u.key },
        `${u.key}: ${u.parts.length}/${total} parts uploaded (choose the same file again to resume) `,
        discard,
      );
    }),
  );
}

function addFiles(files: Iterable<File>): void {
  showMessage(null);
  try {
    const c = needClient();
    for (const f of files) startTransfer(c, f, `${config.prefix}${f.name}`, refresh);
  } catch (e) {
    report(e);
  }
}

async function init(): Promise<void> {
  document.body.dataset.ready = 'false';
  const loaded = await loadConfig();
  if (!loaded) {
    showSignIn(() => {
      showMessage(null);
      init().catch(report);
    }, report);
    document.body.dataset.ready = 'true';
    return;
  }
  config = loaded;
  showSignOut(config.user, () => client?.close(), report);
  document.getElementById('status')!.textContent =
    `bucket ${config.bucket} · ${config.endpoint} · user ${config.user} (prefix ${config.prefix})`;
  const keys = keyPanel(config.kms, useKey, report);
  await keys.restore();

  const drop = document.getElementById('drop')!;
  drop.addEventListener('dragover', (e) => {
    e.preventDefault();
    drop.classList.add('over');
  });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.classList.remove('over');
    addFiles(e.dataTransfer?.files ?? []);
  });
  const input = document.getElementById('files') as HTMLInputElement;
  input.addEventListener('change', () => {
    addFiles([...(input.files ?? [])]);
    input.value = '';
  });
  document.getElementById('refresh')!.addEventListener('click', refresh);
  document.getElementById('read-range')!.addEventListener('click', () => {
    const key = `${config.prefix}${(document.getElementById('range-key') as HTMLInputElement).value}`;
    const range = (document.getElementById('range') as HTMLInputElement).value;
    needClient()
      .get(key, { range })
      .then(({ body: bytes }) => {
        document.getElementById('range-out')!.textContent = Array.from(bytes, (b) =>
          b.toString(16).padStart(2, '0'),
        ).join('');
      }, report);
  });
  document.getElementById('check-cors')!.addEventListener('click', () => {
    needClient()
      .checkCors({ probeKey: `${config.prefix}.cors-probe` })
      .then((r) => {
        const out = document.getElementById('cors-report')!;
        out.dataset.ok = String(r.ok);
        out.textContent = r.message;
      }, report);
  });
  document.body.dataset.ready = 'true';
}

init().catch(report);
