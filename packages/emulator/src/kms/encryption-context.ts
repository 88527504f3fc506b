import { invalidParameter } from '../rpc/errors.js';

/** KMS limits EncryptionContext to 8192 characters. */
export const MAX_ENCRYPTION_CONTEXT_LENGTH = 8192;

export type EncryptionContext = Readonly<Record<string, string>>;

/**
 * Parses the `EncryptionContext` parameter: a JSON object of string values. Absent or `''` (what oss2 sends
 * without a passphrase) is the empty context.
 */
export function parseEncryptionContext(raw: string | undefined): EncryptionContext {
  if (raw === undefined || raw === '') return {};
  if (raw.length > MAX_ENCRYPTION_CONTEXT_LENGTH) {
    throw invalidParameter('EncryptionContext', `It must not exceed ${MAX_ENCRYPTION_CONTEXT_LENGTH} characters.`);
  }
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw invalidParameter('EncryptionContext', 'It must be a JSON object.');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalidParameter('EncryptionContext', 'It must be a JSON object.');
  }
  if (!Object.values(value).every((v) => typeof v === 'string')) {
    throw invalidParameter('EncryptionContext', 'Its values must be strings.');
  }
  return value as EncryptionContext;
}

/** Order-independent form used as additional authenticated data: sorted `[key, value]` pairs as JSON. */
export function canonicalEncryptionContext(context: EncryptionContext): string {
  return JSON.stringify(Object.entries(context).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
