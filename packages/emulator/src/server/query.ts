/**
 * A raw query string split into decoded `[name, value]` pairs. Unlike URLSearchParams, `+` stays a plus
 * (OSS signers percent-encode spaces) and `k` without `=` is kept distinct from `k=` only in `hasValue`.
 */
export class QueryParams {
  readonly pairs: ReadonlyArray<readonly [string, string]>;

  constructor(pairs: ReadonlyArray<readonly [string, string]>) {
    this.pairs = pairs;
  }

  static parse(raw: string): QueryParams {
    const pairs: Array<[string, string]> = [];
    for (const part of raw.split('&')) {
      if (part === '') continue;
      const eq = part.indexOf('=');
      const name = eq < 0 ? part : part.slice(0, eq);
      const value = eq < 0 ? '' : part.slice(eq + 1);
      pairs.push([safeDecode(name), safeDecode(value)]);
    }
    return new QueryParams(pairs);
  }

  has(name: string): boolean {
    return this.pairs.some(([k]) => k === name);
  }

  get(name: string): string | undefined {
    return this.pairs.find(([k]) => k === name)?.[1];
  }

  without(names: readonly string[]): QueryParams {
    return new QueryParams(this.pairs.filter(([k]) => !names.includes(k)));
  }
}

export function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
