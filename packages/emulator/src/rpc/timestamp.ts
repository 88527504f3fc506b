const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

/** Parses `yyyy-MM-ddTHH:mm:ssZ` (milliseconds tolerated: ali-oss sends them); undefined when malformed. */
export function parseRpcTimestamp(value: string): number | undefined {
  if (!ISO_UTC.test(value)) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

/** `2024-01-02T03:04:05Z`: UTC, no milliseconds. */
export function formatRpcTimestamp(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
