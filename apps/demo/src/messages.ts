// Clear messages for the failures a user can act on, keyed by the error's stable code.
import { isOssCseError } from '@oss-cse/browser';

export interface UserMessage {
  readonly kind: 'wrong-key' | 'cors' | 'token-expired' | 'not-encrypted' | 'aborted' | 'error';
  readonly text: string;
}

export function explain(e: unknown): UserMessage {
  if (isOssCseError(e, 'ERR_UNWRAP_FAILED', 'ERR_NO_MATCHING_KEY', 'ERR_PUBLIC_KEY_ONLY', 'ERR_UNSUPPORTED_WRAP_ALG')) {
    const why =
      e.code === 'ERR_PUBLIC_KEY_ONLY'
        ? 'the current key is public only (write-only)'
        : 'it was encrypted with a different master key';
    return {
      kind: 'wrong-key',
      text: `Wrong key: this object cannot be decrypted with the current key, ${why}. Load the key it was written with. (${e.code})`,
    };
  }
  if (isOssCseError(e, 'ERR_CORS')) {
    return { kind: 'cors', text: `CORS misconfigured: ${e.message}` };
  }
  if (isOssCseError(e, 'ERR_TOKEN_EXPIRED', 'ERR_CREDENTIALS')) {
    return {
      kind: 'token-expired',
      text: `Token expired or refused: ${e.message}. The page asks the backend for a fresh STS token; check the backend and the role's policy. (${e.code})`,
    };
  }
  if (isOssCseError(e, 'ERR_NOT_ENCRYPTED')) {
    return {
      kind: 'not-encrypted',
      text: 'Not encrypted: this object has no client-side-encryption metadata; it was stored as plaintext, so there is nothing to decrypt. (ERR_NOT_ENCRYPTED)',
    };
  }
  if (isOssCseError(e, 'ERR_ABORTED')) return { kind: 'aborted', text: 'Cancelled.' };
  const code = isOssCseError(e) ? ` (${e.code})` : '';
  return { kind: 'error', text: `${e instanceof Error ? e.message : String(e)}${code}` };
}

export function showMessage(m: UserMessage | null, info = false): void {
  const el = document.getElementById('message')!;
  if (!m) {
    el.hidden = true;
    return;
  }
  el.hidden = false;
  el.className = info ? 'info' : '';
  el.dataset.kind = m.kind;
  el.textContent = m.text;
}
