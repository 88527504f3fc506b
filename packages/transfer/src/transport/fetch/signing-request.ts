// What the OSS signers look at: one request, described the way OSS canonicalises it (decoded bucket, key and
// query; headers as they will be sent). Shared by V1, V4, the presigners and the transport.

/** Decoded query parameters in the order they are sent; `''` is a parameter without a value (`?uploads`). */
export type QueryPairs = ReadonlyArray<readonly [name: string, value: string]>;

/** An OSS request to sign. */
export interface OssRequestToSign {
  /** The HTTP method. */
  readonly method: string;
  /** The bucket; omitted for service-level requests (`GET /`). */
  readonly bucket?: string | undefined;
  /** The object key, decoded (`dir/obj (1).bin`); omitted for bucket-level requests. */
  readonly key?: string | undefined;
  /** The query parameters, in order. */
  readonly query?: QueryPairs | undefined;
  /** The headers that will be sent, any case (`Content-Type`, `x-oss-meta-*`, `x-oss-date`, ...). */
  readonly headers?: Readonly<Record<string, string>> | undefined;
}

/**
 * Headers with lower-case names; values of names that differ only in case are joined with `,` (OSS's rule for
 * repeated headers).
 *
 * @example
 * ```ts
 * lowerCaseHeaders({ 'Content-Type': 'text/plain' }); // { 'content-type': 'text/plain' }
 * ```
 */
export function lowerCaseHeaders(headers: Readonly<Record<string, string>> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const lower = name.toLowerCase();
    out[lower] = out[lower] === undefined ? value : `${out[lower]},${value}`;
  }
  return out;
}

/**
 * Code-point order, the order OSS signers sort names in.
 *
 * @example
 * ```ts
 * ['b', 'A', 'a'].sort(byCodePoint); // ['A', 'a', 'b']
 * ```
 */
export function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
