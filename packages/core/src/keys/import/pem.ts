// PEM armour (RFC 7468): finding `-----BEGIN <label>-----` blocks and writing them.
import { fromBase64, toBase64 } from '../../util/bytes.js';
import { keyImportError } from './der.js';

/** One decoded PEM block. */
export interface PemBlock {
  readonly label: string;
  readonly der: Uint8Array;
  /** RFC 1421 headers such as `Proc-Type` (legacy OpenSSL encryption), when present. */
  readonly headers: Readonly<Record<string, string>>;
}

const BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;

/** True when `text` contains a PEM BEGIN line. */
export const looksLikePem = (text: string): boolean => text.includes('-----BEGIN ');

/** Decodes every PEM block of `text`, in order. Throws ERR_KEY_IMPORT when there is none or one is broken. */
export function decodePem(text: string): PemBlock[] {
  const blocks: PemBlock[] = [];
  for (const match of text.matchAll(BLOCK)) {
    const label = match[1]!;
    const headers: Record<string, string> = {};
    const bodyLines: string[] = [];
    for (const raw of match[2]!.split(/\r?\n/)) {
      const line = raw.trim();
      const header = /^([A-Za-z-]+):\s*(.*)$/.exec(line);
      if (header) headers[header[1]!] = header[2]!;
      else if (line.length > 0) bodyLines.push(line);
    }
    let der: Uint8Array;
    try {
      der = fromBase64(bodyLines.join(''), 'PEM body');
    } catch {
      throw keyImportError(`The PEM block "${label}" does not hold valid base64`);
    }
    blocks.push({ label, der, headers });
  }
  if (blocks.length === 0)
    throw keyImportError('No complete PEM block (-----BEGIN ...----- / -----END ...-----) found');
  return blocks;
}

/**
 * PEM text of `der` under `label`, 64 characters a line, ending in a newline.
 *
 * @example
 * ```ts
 * encodePem('PUBLIC KEY', spkiDer); // "-----BEGIN PUBLIC KEY-----\nMIIB...\n-----END PUBLIC KEY-----\n"
 * ```
 */
export function encodePem(label: string, der: Uint8Array): string {
  const b64 = toBase64(der);
  const lines: string[] = [];
  for (let i = 0; i < b64.length; i += 64) lines.push(b64.slice(i, i + 64));
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}
