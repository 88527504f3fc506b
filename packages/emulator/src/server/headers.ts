import type { IncomingHttpHeaders } from 'node:http';

/**
 * Request headers with lower-case names, values decoded as UTF-8 (Node reads header bytes as latin1;
 * ali-oss sends UTF-8 metadata values), repeated headers joined with `,`.
 */
export function normalizeRequestHeaders(raw: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    const joined = Array.isArray(value) ? value.join(',') : value;
    out[name.toLowerCase()] = latin1ToUtf8(joined);
  }
  return out;
}

export function latin1ToUtf8(value: string): string {
  // Pure ASCII needs no conversion (the common case).
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(value)) return value;
  return Buffer.from(value, 'latin1').toString('utf8');
}

/** Header value as Node must write it: UTF-8 bytes carried in a latin1 string. */
export function utf8ToLatin1(value: string): string {
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(value)) return value;
  return Buffer.from(value, 'utf8').toString('latin1');
}
