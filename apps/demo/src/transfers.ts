// One row per file: progress with rate, per-part count, retries (which part, why), pause (keep resumable), cancel
// (abort on the server), resume.
import type { BrowserClient, UploadResult } from '@oss-cse/browser';
import { el, mib, rate } from './format.js';
import { explain, showMessage } from './messages.js';

export function startTransfer(client: BrowserClient, file: File, key: string, onDone: () => void): void {
  const bar = el('progress', { max: String(Math.max(1, file.size)), value: '0' });
  const info = el('span', { 'data-testid': 'rate' }, 'encrypting…');
  const status = el('span', { 'data-testid': 'state' }, 'running');
  const pause = el('button', { 'data-testid': 'pause' }, 'Pause');
  const cancel = el('button', { 'data-testid': 'cancel' }, 'Cancel');
  const resume = el('button', { 'data-testid': 'resume', hidden: '' }, 'Resume');
  const retries = el('ul', { class: 'retries', 'data-testid': 'retries' });
  const row = el(
    'li',
    { class: 'transfer', 'data-key': key, 'data-testid': 'transfer', 'data-retries': '0' },
    el('span', {}, `${file.name} → ${key}`),
    bar,
    info,
    el('span', {}, status, ' ', pause, cancel, resume),
    retries,
  );
  document.getElementById('transfers')!.append(row);

  let controller: AbortController;
  let mode: 'keep' | 'discard' = 'discard';
  const run = (): void => {
    controller = new AbortController();
    resume.hidden = true;
    pause.hidden = false;
    cancel.hidden = false;
    row.dataset.state = status.textContent = 'running';
    let parts = 0;
    client
      .upload(key, file, {
        signal: controller.signal,
        contentType: file.type || undefined,
        // Read when the abort lands: Pause keeps the upload resumable, Cancel aborts it on the server.
        get onAbort() {
          return mode;
        },
        onProgress: (p) => {
          bar.value = p.bytesDone;
          info.textContent = `${mib(p.bytesDone)} / ${mib(p.bytesTotal)} · ${rate(p.bytesPerSecond)}`;
        },
        onPart: () => {
          parts++;
          row.dataset.parts = String(parts);
        },
        onRetry: (r) => {
          row.dataset.retries = String(Number(row.dataset.retries) + 1);
          const why = r.error instanceof Error ? r.error.message : String(r.error);
          retries.append(
            el(
              'li',
              { 'data-testid': 'retry', 'data-part': String(r.partNumber ?? '') },
              `${r.partNumber ? `part ${r.partNumber}` : 'request'}: attempt ${r.attempt + 1} in ${r.delayMs} ms after ${why}`,
            ),
          );
        },
      })
      .then(
        (r: UploadResult) => {
          bar.value = file.size;
          row.dataset.state = status.textContent = 'done';
          row.dataset.resumedParts = String(r.resumedParts);
          info.textContent = `${mib(file.size)} · ${r.parts > 0 ? `multipart (${r.parts} parts)` : 'single PUT'}${r.resumedParts ? `, ${r.resumedParts} parts resumed` : ''}`;
          pause.hidden = cancel.hidden = true;
          onDone();
        },
        (e: unknown) => {
          const m = explain(e);
          row.dataset.state = status.textContent =
            m.kind === 'aborted' ? (mode === 'keep' ? 'paused' : 'cancelled') : 'failed';
          pause.hidden = cancel.hidden = true;
          resume.hidden = m.kind === 'aborted' && mode === 'discard';
          if (m.kind !== 'aborted') showMessage(m);
          onDone();
        },
      );
  };
  pause.addEventListener('click', () => {
    mode = 'keep';
    controller.abort();
  });
  cancel.addEventListener('click', () => {
    mode = 'discard';
    controller.abort();
  });
  resume.addEventListener('click', run);
  run();
}
