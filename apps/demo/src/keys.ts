// The key panel: generate a non-extractable OAEP pair (kept in IndexedDB as a CryptoKey), generate an exportable
// PEM pair, paste a PEM, or use the demo's KMS key through the relay (layout oss2 or sdk). Pasted/exported private
// keys live only in memory; no data key is ever stored.
import { generateNonExtractableKey, generatePemKey, importPemKey, loadKeyPair, saveKeyPair } from '@oss-cse/browser';
import type { MasterKey } from '@oss-cse/core';
import type { DemoConfig } from './api.js';
import { isKmsLayout, kmsLabel, kmsMasterKey } from './kms.js';

const STORED_KEY = 'demo-key';

export interface KeyPanel {
  /** Restores the non-extractable key of a previous visit, if any. */
  restore(): Promise<void>;
}

export function keyPanel(
  kms: DemoConfig['kms'],
  setKey: (key: MasterKey, label: string) => void,
  onError: (e: unknown) => void,
): KeyPanel {
  const pem = document.getElementById('pem') as HTMLTextAreaElement;
  const passphrase = document.getElementById('passphrase') as HTMLInputElement;
  const rsaMode = document.getElementById('mode-rsa') as HTMLInputElement;
  const kmsMode = document.getElementById('mode-kms') as HTMLInputElement;
  const layout = document.getElementById('kms-layout') as HTMLSelectElement;
  const guard = (fn: () => Promise<void>) => () => {
    fn().catch(onError);
  };
  let lastRsa: { key: MasterKey; label: string } | undefined;
  const onKey = (key: MasterKey, label: string): void => {
    lastRsa = { key, label };
    rsaMode.checked = true;
    setKey(key, label);
  };

  kmsMode.disabled = layout.disabled = !kms;
  const useKms = (): void => {
    if (!kms || !kmsMode.checked) return;
    const chosen = isKmsLayout(layout.value) ? layout.value : 'oss2';
    setKey(kmsMasterKey(kms, chosen), kmsLabel(kms, chosen));
  };
  kmsMode.addEventListener('change', useKms);
  layout.addEventListener('change', useKms);
  rsaMode.addEventListener('change', () => {
    if (!rsaMode.checked) return;
    if (lastRsa) setKey(lastRsa.key, lastRsa.label);
    else document.getElementById('key-info')!.textContent = 'generate or paste an RSA key';
  });

  document.getElementById('gen-nonext')!.addEventListener(
    'click',
    guard(async () => {
      const pair = await generateNonExtractableKey({ description: { demo: 'browser-key' } });
      await saveKeyPair(STORED_KEY, {
        publicKey: pair.publicKey,
        privateKey: pair.privateKey,
        description: { demo: 'browser-key' },
      });
      onKey(pair.masterKey, 'non-extractable RSA-OAEP key (stored in IndexedDB as a CryptoKey)');
    }),
  );
  document.getElementById('gen-pem')!.addEventListener(
    'click',
    guard(async () => {
      const { masterKey, privateKeyPem } = await generatePemKey();
      pem.value = privateKeyPem;
      onKey(masterKey, 'exportable RSA key (PEM shown above; save it, it is kept in memory only)');
    }),
  );
  document.getElementById('use-pem')!.addEventListener(
    'click',
    guard(async () => {
      const text = pem.value.trim();
      const isPublic = /BEGIN (RSA )?PUBLIC KEY/.test(text);
      const key = await importPemKey(
        isPublic
          ? { publicKey: text }
          : { privateKey: text, ...(passphrase.value ? { passphrase: passphrase.value } : {}) },
      );
      onKey(key, isPublic ? 'pasted public key (write-only: cannot decrypt)' : 'pasted private key (memory only)');
    }),
  );

  return {
    async restore() {
      const stored = await loadKeyPair(STORED_KEY);
      if (stored) onKey(stored.masterKey, 'non-extractable RSA-OAEP key restored from IndexedDB');
    },
  };
}
