// Headers a caller hands the transport (object metadata, Content-Type, conditions), checked before anything is
// signed: names the transport sets itself are refused, and every value must be printable ASCII, because fetch
// strips or rejects anything else and a header sent differently from how it was signed fails the signature.
// Errors name the header, never its value.
import { OssCseError } from '@oss-cse/core';

/** Set by the transport (or by fetch) only. */
const RESERVED: ReadonlySet<string> = new Set([
  'authorization',
  'host',
  'content-length',
  'transfer-encoding',
  'x-oss-date',
  'x-oss-security-token',
  'x-oss-content-sha256',
]);
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const PRINTABLE = /^[\x20-\x7e\t]*$/;

/**
 * The headers with lower-case names and trimmed values.
 *
 * @throws OssCseError ERR_INVALID_ARGUMENT naming the header when its name is reserved, repeated (in any case)
 * or not a token, or its value is not printable ASCII.
 * @example
 * ```ts
 * callerHeaders({ 'Content-Type': 'text/plain', 'x-oss-meta-a': ' b ' }); // { 'content-type': 'text/plain',
 * 'x-oss-meta-a': 'b' }
 * ```
 */
export function callerHeaders(headers: Readonly<Record<string, string>> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const lower = name.toLowerCase();
    if (!TOKEN.test(name))
      throw new OssCseError(
        'ERR_INVALID_ARGUMENT',
        `header name ${JSON.stringify(name.slice(0, 64))} is not a valid HTTP header name`,
      );
    if (RESERVED.has(lower))
      throw new OssCseError('ERR_INVALID_ARGUMENT', `header "${lower}" is set by the transport; leave it out`);
    if (lower in out) throw new OssCseError('ERR_INVALID_ARGUMENT', `header "${lower}" is given twice`);
    if (typeof value !== 'string' || !PRINTABLE.test(value)) {
      throw new OssCseError(
        'ERR_INVALID_ARGUMENT',
        `header "${lower}" must be printable ASCII (encode other text, e.g. as base64)`,
      );
    }
    out[lower] = value.trim();
  }
  return out;
}

/**
 * Checks the values the transport adds from credentials (`x-oss-security-token`, the key id in `authorization`).
 *
 * @throws OssCseError ERR_CREDENTIALS naming the header when a value is not printable ASCII.
 * @example
 * ```ts
 * checkSignedHeaders(await signRequest(input));
 * ```
 */
export function checkSignedHeaders(headers: Readonly<Record<string, string>>): void {
  for (const [name, value] of Object.entries(headers)) {
    if (!PRINTABLE.test(value))
      throw new OssCseError(
        'ERR_CREDENTIALS',
        `the credentials put characters fetch cannot send into header "${name}"`,
      );
  }
}
