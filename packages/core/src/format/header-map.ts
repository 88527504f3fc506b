// Accepts the header shapes callers have (plain object, Headers, entries) and reads them case-insensitively.
import { OssCseError } from '../errors.js';

/** Headers as callers hold them: a plain object (values may be arrays or numbers), `Headers`, or entries. */
export type HeaderInput =
  | Readonly<Record<string, string | number | readonly string[] | undefined | null>>
  | Headers
  | Iterable<readonly [string, string]>;

/** A read-only, case-insensitive view of headers. */
export type HeaderMap = ReadonlyMap<string, string>;

/**
 * Normalises any {@link HeaderInput} into a map with lower-case names.
 *
 * @example
 * ```ts
 * import { toHeaderMap } from '@oss-cse/core';
 * const map = toHeaderMap({ 'Content-Type': 'text/plain' });
 * map.get('content-type'); // 'text/plain'
 * ```
 */
export function toHeaderMap(input: HeaderInput): HeaderMap {
  if (input === null || typeof input !== 'object') {
    throw new OssCseError('ERR_INVALID_ARGUMENT', '"headers" expected an object, Headers or entries');
  }
  const map = new Map<string, string>();
  const add = (name: string, value: unknown) => {
    if (value === undefined || value === null) return;
    const v = Array.isArray(value) ? value.join(', ') : String(value);
    map.set(name.toLowerCase(), v);
  };
  if (typeof Headers !== 'undefined' && input instanceof Headers) {
    input.forEach((value, name) => add(name, value));
  } else if (Symbol.iterator in input && typeof (input as Iterable<unknown>)[Symbol.iterator] === 'function') {
    for (const [name, value] of input as Iterable<readonly [string, string]>) add(name, value);
  } else {
    for (const [name, value] of Object.entries(input)) add(name, value);
  }
  return map;
}
