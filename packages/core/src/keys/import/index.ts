// Key import with format auto-detection: PEM (any supported label), DER, JWK (object or JSON text).
import { OssCseError } from '../../errors.js';
import { fromBase64 } from '../../util/bytes.js';
import type { RsaKeyComponents } from '../rsa/rsa-key.js';
import { keyImportError } from './der.js';
import { readDer, sequence, TAG } from './der-reader.js';
import { parseJwk, parseJwkText } from './jwk.js';
import { decodePem, looksLikePem, type PemBlock } from './pem.js';
import { parsePkcs1PrivateKey, parsePkcs1PublicKey } from './pkcs1.js';
import { parsePkcs8PrivateKey } from './pkcs8.js';
import { parseSpki } from './spki.js';

/**
 * A key as users hold it: PEM text, DER bytes (or PEM/JWK text as UTF-8 bytes), a JWK object or JWK JSON.
 */
export type RsaKeyInput = string | Uint8Array | JsonWebKey;

/** Options of {@link importRsaKey}. */
export interface ImportRsaKeyOptions {
  /** Passphrase of an `ENCRYPTED PRIVATE KEY` (a string is UTF-8 encoded). */
  readonly passphrase?: string | Uint8Array;
  /** With several PEM blocks (e.g. a certificate and a key), which kind to pick first. Default: the first block. */
  readonly prefer?: 'private' | 'public';
}

type DerKind = 'pkcs1-private' | 'pkcs1-public' | 'pkcs8' | 'encrypted-pkcs8' | 'spki' | 'certificate';

const PEM_LABELS: Readonly<Record<string, DerKind>> = {
  'RSA PRIVATE KEY': 'pkcs1-private',
  'PRIVATE KEY': 'pkcs8',
  'ENCRYPTED PRIVATE KEY': 'encrypted-pkcs8',
  'PUBLIC KEY': 'spki',
  'RSA PUBLIC KEY': 'pkcs1-public',
  CERTIFICATE: 'certificate',
  'X509 CERTIFICATE': 'certificate',
};

const FOREIGN_LABELS: Readonly<Record<string, string>> = {
  'EC PRIVATE KEY': 'is an EC key, not an RSA key; only RSA keys are supported',
  'EC PARAMETERS': 'holds EC parameters, not an RSA key; only RSA keys are supported',
  'DSA PRIVATE KEY': 'is a DSA key, not an RSA key; only RSA keys are supported',
  'OPENSSH PRIVATE KEY': 'is in OpenSSH format; convert it with: ssh-keygen -p -m PKCS8 -f <file>',
  'CERTIFICATE REQUEST': 'is a certificate signing request, not a key',
  'NEW CERTIFICATE REQUEST': 'is a certificate signing request, not a key',
  'ENCRYPTED PRIVATE KEY INFO': 'is not a supported PEM label',
};

/**
 * Imports an RSA key in any supported form, detected automatically: PKCS#1 (`RSA PRIVATE KEY`,
 * `RSA PUBLIC KEY`), PKCS#8 (`PRIVATE KEY`), encrypted PKCS#8 (`ENCRYPTED PRIVATE KEY`, PBES2), SPKI
 * (`PUBLIC KEY`), X.509 (`CERTIFICATE`, its public key), as PEM text or DER bytes, or a JWK.
 * @throws OssCseError ERR_KEY_IMPORT with the reason (malformed, not RSA, wrong or missing passphrase).
 *
 * @example
 * ```ts
 * import { importRsaKey } from '@oss-cse/core';
 * declare const pem: string, encryptedPem: string;
 * const priv = await importRsaKey(pem);
 * const enc = await importRsaKey(encryptedPem, { passphrase: 'correct horse' });
 * const pub = await importRsaKey({ kty: 'RSA', n: '...', e: 'AQAB' });
 * ```
 */
export async function importRsaKey(input: RsaKeyInput, options: ImportRsaKeyOptions = {}): Promise<RsaKeyComponents> {
  if (typeof input === 'string') return importText(input, options);
  if (input instanceof Uint8Array) {
    const first = input.find((b) => b !== 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d);
    // PEM starts with '-', JSON with '{'; DER with 0x30 (SEQUENCE).
    if (first === 0x2d || first === 0x7b) return importText(new TextDecoder().decode(input), options);
    return importDer(input, detectDer(input), options);
  }
  if (typeof input === 'object' && input !== null && !Array.isArray(input)) return parseJwk(input);
  throw new OssCseError(
    'ERR_INVALID_ARGUMENT',
    `"key" expected PEM string, DER Uint8Array or JWK object, got ${input === null ? 'null' : typeof input}`,
  );
}

function importText(text: string, options: ImportRsaKeyOptions): Promise<RsaKeyComponents> {
  const trimmed = text.trim();
  if (trimmed.length === 0) throw keyImportError('The key is empty');
  if (looksLikePem(trimmed)) return importPem(pickBlock(decodePem(trimmed), options.prefer), options);
  if (trimmed.startsWith('{')) return Promise.resolve(parseJwk(parseJwkText(trimmed)));
  let der: Uint8Array;
  try {
    der = fromBase64(trimmed.replace(/\s+/g, ''));
  } catch {
    throw keyImportError('The key is neither PEM (-----BEGIN ...-----), base64 DER, nor JWK JSON');
  }
  return importDer(der, detectDer(der), options);
}

function pickBlock(blocks: PemBlock[], prefer: ImportRsaKeyOptions['prefer']): PemBlock {
  const isPrivate = (b: PemBlock) => b.label.endsWith('PRIVATE KEY');
  const preferred =
    prefer === undefined
      ? undefined
      : blocks.find((b) => PEM_LABELS[b.label] !== undefined && isPrivate(b) === (prefer === 'private'));
  return preferred ?? blocks.find((b) => PEM_LABELS[b.label] !== undefined) ?? blocks[0]!;
}

function importPem(block: PemBlock, options: ImportRsaKeyOptions): Promise<RsaKeyComponents> {
  const kind = PEM_LABELS[block.label];
  if (kind === undefined) {
    throw keyImportError(
      `The PEM block "${block.label}" ${FOREIGN_LABELS[block.label] ?? 'is not a supported key type (expected RSA PRIVATE KEY, PRIVATE KEY, ENCRYPTED PRIVATE KEY, PUBLIC KEY, RSA PUBLIC KEY or CERTIFICATE)'}`,
    );
  }
  if (block.headers['Proc-Type']?.includes('ENCRYPTED')) {
    throw keyImportError(
      'Legacy OpenSSL-encrypted PEM (Proc-Type: 4,ENCRYPTED) is not supported; convert it with: openssl pkcs8 -topk8 -v2 aes-256-cbc -v2prf hmacWithSHA256 -in old.pem -out new.pem',
    );
  }
  return importDer(block.der, kind, options);
}

async function importDer(der: Uint8Array, kind: DerKind, options: ImportRsaKeyOptions): Promise<RsaKeyComponents> {
  switch (kind) {
    case 'pkcs1-private':
      return parsePkcs1PrivateKey(der);
    case 'pkcs1-public':
      return parsePkcs1PublicKey(der);
    case 'pkcs8':
      return parsePkcs8PrivateKey(der);
    // Encrypted keys and certificates are loaded on demand (the PBES2 parameters and certificates are read by pkijs).
    case 'encrypted-pkcs8':
      return (await import('./encrypted-pkcs8.js')).parseEncryptedPkcs8(der, options.passphrase);
    case 'spki':
      return parseSpki(der);
    case 'certificate':
      return (await import('./x509.js')).parseCertificatePublicKey(der);
  }
}

/** Recognises a DER key by its outer structure (the tags of the root SEQUENCE's elements). */
function detectDer(der: Uint8Array): DerKind {
  const what = 'DER key';
  const root = readDer(der, what);
  const tags = (root.tag === TAG.SEQUENCE ? sequence(root, what) : []).map((node) => node.tag);
  const [a, b, c] = tags;
  if (a === TAG.INTEGER) {
    if (tags.length === 2 && b === TAG.INTEGER) return 'pkcs1-public';
    if (tags.length >= 9 && tags.slice(0, 9).every((t) => t === TAG.INTEGER)) return 'pkcs1-private';
    if (tags.length >= 3 && b === TAG.SEQUENCE && c === TAG.OCTET_STRING) return 'pkcs8';
  } else if (a === TAG.SEQUENCE) {
    if (tags.length === 2 && b === TAG.OCTET_STRING) return 'encrypted-pkcs8';
    if (tags.length === 2 && b === TAG.BIT_STRING) return 'spki';
    if (tags.length === 3 && b === TAG.SEQUENCE && c === TAG.BIT_STRING) return 'certificate';
  }
  throw keyImportError('The DER bytes are not a PKCS#1, PKCS#8, encrypted PKCS#8, SPKI or X.509 structure');
}
