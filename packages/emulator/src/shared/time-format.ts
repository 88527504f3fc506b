/** RFC 1123 (`Tue, 02 Jan 2024 03:04:05 GMT`), as in `Date`, `Last-Modified`, `x-oss-date` (V1). */
export function httpDate(ms: number): string {
  return new Date(ms).toUTCString();
}

/** ISO 8601 with milliseconds, as in XML `LastModified`. */
export function isoDate(ms: number): string {
  return new Date(ms).toISOString();
}

/** Parses an RFC 1123 / RFC 850 / asctime date; undefined if invalid. */
export function parseHttpDate(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

/** Parses `20240102T030405Z` (V4 `x-oss-date`); undefined if invalid. */
export function parseIsoBasic(value: string | undefined): number | undefined {
  const m = value ? /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value) : null;
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  return Date.UTC(y, mo - 1, d, h, mi, s);
}
