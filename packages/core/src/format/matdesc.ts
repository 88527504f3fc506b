// Material descriptions: JSON objects of strings. Written like oss2 (`json.dumps`), compared as parsed objects.
import { OssCseError } from '../errors.js';
import type { MaterialDescription } from '../keys/master-key.js';

/**
 * Parses a `matdesc` header. Empty text means "no description".
 * @throws OssCseError ERR_BAD_MATDESC unless the text is a JSON object whose values are all strings.
 *
 * @example
 * ```ts
 * import { parseMatdesc } from '@oss-cse/core';
 * parseMatdesc('{"owner": "alice"}'); // { owner: 'alice' }
 * parseMatdesc(''); // undefined
 * ```
 */
export function parseMatdesc(text: string): MaterialDescription | undefined {
  if (text.trim() === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw new OssCseError('ERR_BAD_MATDESC', 'matdesc is not valid JSON', { cause });
  }
  return checkMatdesc(value, 'matdesc');
}

/**
 * Validates a description object given by a caller or parsed from a header.
 *
 * @example
 * ```ts
 * import { checkMatdesc } from '@oss-cse/core';
 * const description = checkMatdesc(JSON.parse('{"owner":"alice"}'), '--description'); // or ERR_BAD_MATDESC
 * ```
 */
export function checkMatdesc(value: unknown, what: string): MaterialDescription {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new OssCseError('ERR_BAD_MATDESC', `${what} must be a JSON object of strings`);
  }
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) {
    if (typeof v !== 'string') throw new OssCseError('ERR_BAD_MATDESC', `${what} value of "${k}" must be a string`);
    out[k] = v;
  }
  return Object.freeze(out);
}

/**
 * True when both descriptions hold the same pairs (order and formatting do not matter; absent = empty).
 *
 * @example
 * ```ts
 * import { sameMatdesc } from '@oss-cse/core';
 * sameMatdesc({ a: '1', b: '2' }, { b: '2', a: '1' }); // true: order does not matter
 * ```
 */
export function sameMatdesc(a: MaterialDescription | undefined, b: MaterialDescription | undefined): boolean {
  const ea = Object.entries(a ?? {});
  const eb = b ?? {};
  if (ea.length !== Object.keys(eb).length) return false;
  return ea.every(([k, v]) => Object.prototype.hasOwnProperty.call(eb, k) && eb[k] === v);
}

/**
 * Serialises a description as oss2 does (Python `json.dumps`: insertion order, `", "` and `": "` separators,
 * non-ASCII as `\uXXXX`), so the header is ASCII and byte-identical to what oss2 writes.
 * Returns undefined for an empty description: the header is then omitted.
 *
 * @example
 * ```ts
 * import { serializeMatdesc } from '@oss-cse/core';
 * serializeMatdesc({ owner: 'alice' }); // '{"owner": "alice"}' (oss2's spacing)
 * ```
 */
export function serializeMatdesc(desc: MaterialDescription | undefined): string | undefined {
  const entries = Object.entries(desc ?? {});
  if (entries.length === 0) return undefined;
  return `{${entries.map(([k, v]) => `${pyJsonString(k)}: ${pyJsonString(v)}`).join(', ')}}`;
}

/** A JSON string literal as Python's `json.dumps(ensure_ascii=True)` writes it. */
function pyJsonString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const ch = s[i]!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (c < 0x20 || c > 0x7e) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}
