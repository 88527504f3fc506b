// The key panel: generate a non-extractable OAEP pair (kept in IndexedDB as a CryptoKey), generate an exportable
// PEM pair, or paste a PEM. Pasted/exported private keys live only in memory; no data key is ever stored.
import { generateNonExtractableKey, generatePemKey, importPemKey, loadKeyPair, saveKeyPair } from '@oss-cse/browser';
import type { MasterKey } from '@oss-cse/core';

const STORED_KEY = 'demo-key';

export interface KeyPanel {
  /** Restores the non-extractable key of a previous visit, if any. */
  restore(): Promise<void>;
}

export function keyPanel(onKey: (key: MasterKey, label: string) => void, onError: (e: unknown) => void): KeyPanel {
  const pem = document.getElementById('pem') as HTMLTextAreaElement;
  const passphrase = document.getElementById('passphrase') as HTMLInputElement;
  const guard = (fn: () => Promise<void>) => () => { fn().catch(onError); };

  document.getElementById('gen-nonext')!.addEventListener('click', guard(async () => {
    const pair = await generateNonExtractableKey({ description: { demo: 'browser-key' } });
    await saveKeyPair(STORED_KEY, { publicKey: pair.publicKey, privateKey: pair.privateKey, description: { demo: 'browser-key' } });
    onKey(pair.masterKey, 'non-extractable RSA-OAEP key (stored in IndexedDB as a CryptoKey)');
  }));
  document.getElementById('gen-pem')!.addEventListener('click', guard(async () => {
    const { masterKey, privateKeyPem } = await generatePemKey();
    pem.value = privateKeyPem;
    onKey(masterKey, 'exportable RSA key (PEM shown above; save it, it is kept in memory only)');
  }));
  document.getElementById('use-pem')!.addEventListener('click', guard(async () => {
    const text = pem.value.trim();
    const isPublic = /BEGIN (RSA )?PUBLIC KEY/.test(text);
    const key = await importPemKey(isPublic ? { publicKey: text } : { privateKey: text, ...(passphrase.value ? { passphrase: passphrase.value } : {}) });
    onKey(key, isPublic ? 'pasted public key (write-only: cannot decrypt)' : 'pasted private key (memory only)');
  }));

  return {
    async restore() {
      const stored = await loadKeyPair(STORED_KEY);
      if (stored) onKey(stored.masterKey, 'non-extractable RSA-OAEP key restored from IndexedDB');
    },
  };
}
