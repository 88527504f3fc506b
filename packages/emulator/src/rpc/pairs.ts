/** Name/value pairs (duplicates allowed) or a plain record. */
export type NameValues = Iterable<readonly [string, string]> | Readonly<Record<string, string>>;

export function toPairs(values: NameValues): Array<readonly [string, string]> {
  const iterator = (values as Iterable<readonly [string, string]>)[Symbol.iterator];
  return typeof iterator === 'function'
    ? [...(values as Iterable<readonly [string, string]>)]
    : Object.entries(values as Record<string, string>);
}

/** Code-point (ASCII for ASCII names) ordering, as the signature algorithms sort. */
export function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
