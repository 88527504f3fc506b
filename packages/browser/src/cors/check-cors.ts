// checkCors(): which entries the bucket's CORS rule misses for this page, found by probing from the browser
// (preflights for each method and request header, then the response headers of a signed probe object).
import { isOssCseError, V2_HEADERS } from '@oss-cse/core';
import { send, type ObjectTransport, type SendContext } from '@oss-cse/transfer';
import { preflightPasses, simpleRequestPasses } from './probes.js';

/** Request headers the transports send from a page (V4 signing; ali-oss adds x-oss-user-agent). */
export const REQUIRED_ALLOWED_HEADERS: readonly string[] = [
  'authorization',
  'content-type',
  'range',
  'if-match',
  'x-oss-date',
  'x-oss-content-sha256',
  'x-oss-security-token',
  'x-oss-range-behavior',
  'x-oss-user-agent',
  ...Object.values(V2_HEADERS),
];

/** Response headers the client reads. OSS forbids `*` in ExposeHeader, so each must be listed. */
export const REQUIRED_EXPOSE_HEADERS: readonly string[] = [
  'ETag',
  'x-oss-request-id',
  'x-oss-hash-crc64ecma',
  'Content-Range',
  ...Object.values(V2_HEADERS),
];

/** Methods the client uses (POST for multipart Initiate and Complete). */
export const REQUIRED_METHODS: readonly string[] = ['GET', 'PUT', 'POST', 'DELETE', 'HEAD'];

/** What {@link checkCors} found. */
export interface CorsReport {
  /** True when nothing is missing. */
  readonly ok: boolean;
  /** False when the bucket answers this origin with no CORS rule at all. */
  readonly originAllowed: boolean;
  /** The page origin that was checked. */
  readonly origin: string;
  /** Methods the rule does not allow for this origin. */
  readonly missingMethods: string[];
  /** Request headers the rule does not allow. */
  readonly missingAllowedHeaders: string[];
  /** Response headers the rule does not expose. */
  readonly missingExposeHeaders: string[];
  /** A human-readable summary, naming what to add to the rule. */
  readonly message: string;
}

/** Options of {@link checkCors}. */
export interface CheckCorsOptions {
  /** Key of the small probe object written, read and deleted (must be writable with the credentials). */
  readonly probeKey?: string | undefined;
  /** Cancels the probes. */
  readonly signal?: AbortSignal | undefined;
}

/** What the probes need of a client: its transport and its way of sending signed requests. */
export interface CorsContext extends SendContext {
  readonly transport: ObjectTransport;
}

/** The page's origin, or '' outside a page. */
export const pageOrigin = (): string => globalThis.location?.origin ?? '';

/**
 * Checks the bucket's CORS rule from this page: a simple GET of a probe key, a preflight for each required method
 * and request header, then a probe object written and read to see which response headers are exposed; the report
 * lists what is missing.
 *
 * @example
 * ```ts
 * import { checkCors } from '@oss-cse/browser';
 * declare const ctx: Parameters<typeof checkCors>[0]; // the client's transport and credentials
 * const report = await checkCors(ctx);
 * ```
 */
export async function checkCors(ctx: CorsContext, options: CheckCorsOptions = {}): Promise<CorsReport> {
  const probeKey = options.probeKey ?? '.oss-cse-cors-probe';
  const url = ctx.transport.objectUrl(probeKey);
  if (!(await simpleRequestPasses(url))) {
    return report(false, [...REQUIRED_METHODS], [...REQUIRED_ALLOWED_HEADERS], [...REQUIRED_EXPOSE_HEADERS]);
  }
  const missingMethods = await missingPreflights(
    url,
    REQUIRED_METHODS.map((m) => [m, 'x-oss-date'] as const),
  );
  const method = missingMethods.includes('PUT') ? 'GET' : 'PUT';
  const missingAllowedHeaders = await missingPreflights(
    url,
    REQUIRED_ALLOWED_HEADERS.map((h) => [method, h] as const),
    1,
  );
  return report(true, missingMethods, missingAllowedHeaders, await missingExposed(ctx, probeKey, options.signal));
}

/** Of `[method, header]` preflights, the entries (`which`: 0 the method, 1 the header) of those refused. */
export async function missingPreflights(
  url: string,
  probes: readonly (readonly [string, string])[],
  which: 0 | 1 = 0,
): Promise<string[]> {
  const passed = await Promise.all(probes.map(([method, header]) => preflightPasses(url, method, header)));
  return probes.filter((_, i) => !passed[i]).map((p) => p[which]);
}

async function missingExposed(ctx: CorsContext, probeKey: string, signal: AbortSignal | undefined): Promise<string[]> {
  const probe = new Uint8Array(32);
  const headers: Record<string, string> = {
    [V2_HEADERS.key]: 'cHJvYmU=',
    [V2_HEADERS.start]: 'cHJvYmU=',
    [V2_HEADERS.cekAlg]: 'AES/CTR/NoPadding',
    [V2_HEADERS.wrapAlg]: 'RSA/NONE/PKCS1Padding',
    [V2_HEADERS.matdesc]: '{"probe": "cors"}',
    [V2_HEADERS.unencryptedContentMd5]: 'cHJvYmU=',
    [V2_HEADERS.unencryptedContentLength]: '32',
    [V2_HEADERS.dataSize]: '32',
    [V2_HEADERS.partSize]: '102400',
  };
  let seen: Record<string, string>;
  try {
    const put = await send(ctx, (req) => ctx.transport.putObject(probeKey, probe, headers, req), {
      signal,
      retry: { retries: 1 },
    });
    const got = await send(
      ctx,
      async (req) => {
        const r = await ctx.transport.getObject(probeKey, { range: 'bytes=0-15' }, req);
        await r.body.cancel();
        return r;
      },
      { signal, retry: { retries: 1 } },
    );
    seen = { ...put.headers, ...got.headers };
  } catch (e) {
    // Without a readable ETag the transport reports the CORS gap itself (ERR_CORS, details.missing).
    const missing = isOssCseError(e, 'ERR_CORS') ? (e.details?.['missing'] as string[] | undefined) : undefined;
    if (!missing) throw e;
    return [...new Set([...missing, ...REQUIRED_EXPOSE_HEADERS.filter((h) => h !== 'ETag')])];
  } finally {
    await send(ctx, (req) => ctx.transport.deleteObject(probeKey, req), { retry: { retries: 0 } }).catch(
      () => undefined,
    );
  }
  return REQUIRED_EXPOSE_HEADERS.filter((h) => !(h.toLowerCase() in seen));
}

function report(
  originAllowed: boolean,
  missingMethods: string[],
  missingAllowedHeaders: string[],
  missingExposeHeaders: string[],
): CorsReport {
  const origin = pageOrigin();
  const ok = originAllowed && !missingMethods.length && !missingAllowedHeaders.length && !missingExposeHeaders.length;
  const lines: string[] = [];
  if (!originAllowed)
    lines.push(
      `The bucket has no CORS rule for origin ${origin || '(this page)'}: add one with AllowedOrigin ${origin || '<your origin>'}.`,
    );
  if (missingMethods.length) lines.push(`AllowedMethod is missing: ${missingMethods.join(', ')}.`);
  if (missingAllowedHeaders.length)
    lines.push(`AllowedHeader is missing: ${missingAllowedHeaders.join(', ')} (or use AllowedHeader *).`);
  if (missingExposeHeaders.length)
    lines.push(`ExposeHeader is missing: ${missingExposeHeaders.join(', ')} (OSS does not accept * here; list each).`);
  return {
    ok,
    originAllowed,
    origin,
    missingMethods,
    missingAllowedHeaders,
    missingExposeHeaders,
    message: ok ? 'The bucket CORS rule allows everything oss-cse needs.' : lines.join(' '),
  };
}
