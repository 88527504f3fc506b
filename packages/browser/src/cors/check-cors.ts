// checkCors(): which entries the bucket's CORS rule misses for this page, found by probing from the browser
// (preflights for each request header, then the response headers of a signed probe object).
import { V2_HEADERS } from '@oss-cse/core';
import { isOssCseError } from '../errors.js';
import { send, type ClientContext } from '../transfer/context.js';

/** Request headers ali-oss sends from a page (V1 signing; V4 adds x-oss-content-sha256). */
export const REQUIRED_ALLOWED_HEADERS: readonly string[] = [
  'authorization', 'content-type', 'content-md5', 'range', 'if-match', 'x-oss-date', 'x-oss-user-agent', 'x-oss-security-token',
  ...Object.values(V2_HEADERS),
];

/** Response headers the client reads. OSS forbids `*` in ExposeHeader, so each must be listed. */
export const REQUIRED_EXPOSE_HEADERS: readonly string[] = [
  'ETag', 'x-oss-request-id', 'x-oss-hash-crc64ecma', 'Content-Range', ...Object.values(V2_HEADERS),
];

export const REQUIRED_METHODS: readonly string[] = ['GET', 'PUT', 'POST', 'DELETE', 'HEAD'];

export interface CorsReport {
  /** True when nothing is missing. */
  readonly ok: boolean;
  /** False when the bucket answers this origin with no CORS rule at all. */
  readonly originAllowed: boolean;
  readonly origin: string;
  readonly missingMethods: string[];
  readonly missingAllowedHeaders: string[];
  readonly missingExposeHeaders: string[];
  /** A human-readable summary, naming what to add to the rule. */
  readonly message: string;
}

export interface CheckCorsOptions {
  /** Key of the small probe object written, read and deleted (must be writable with the credentials). */
  readonly probeKey?: string | undefined;
  readonly signal?: AbortSignal | undefined;
}

export async function checkCors(ctx: ClientContext, options: CheckCorsOptions = {}): Promise<CorsReport> {
  const probeKey = options.probeKey ?? '.oss-cse-cors-probe';
  const url = ctx.transport.objectUrl(probeKey);
  const origin = globalThis.location?.origin ?? '';
  if (!(await simpleRequestPasses(url))) {
    return report(origin, false, [...REQUIRED_METHODS], [...REQUIRED_ALLOWED_HEADERS], [...REQUIRED_EXPOSE_HEADERS]);
  }
  const missingMethods = (await Promise.all(REQUIRED_METHODS.map(async (m) => ((await preflightPasses(url, m, 'x-oss-date')) ? null : m))))
    .filter((m): m is string => m !== null);
  const method = missingMethods.includes('PUT') ? 'GET' : 'PUT';
  const missingAllowedHeaders = (await Promise.all(REQUIRED_ALLOWED_HEADERS.map(async (h) => ((await preflightPasses(url, method, h)) ? null : h))))
    .filter((h): h is string => h !== null);
  const missingExposeHeaders = await missingExposed(ctx, probeKey, options.signal);
  return report(origin, true, missingMethods, missingAllowedHeaders, missingExposeHeaders);
}

/** True when a request that needs no preflight (a bare GET) gets through CORS (any HTTP status). */
export async function simpleRequestPasses(url: string): Promise<boolean> {
  try {
    await fetch(url, { method: 'GET', mode: 'cors', cache: 'no-store', credentials: 'omit' });
    return true;
  } catch {
    return false;
  }
}

/** True when the server is reachable at all (an opaque no-cors request succeeds). */
export async function reachable(url: string): Promise<boolean> {
  try {
    await fetch(url, { method: 'GET', mode: 'no-cors', cache: 'no-store', credentials: 'omit' });
    return true;
  } catch {
    return false;
  }
}

async function preflightPasses(url: string, method: string, header: string): Promise<boolean> {
  try {
    // Unsigned: OSS answers 403, but only after the preflight; a refused preflight is a TypeError.
    await fetch(url, { method, mode: 'cors', cache: 'no-store', credentials: 'omit', headers: { [header]: header === 'range' ? 'bytes=0-0' : 'probe' } });
    return true;
  } catch {
    return false;
  }
}

async function missingExposed(ctx: ClientContext, probeKey: string, signal: AbortSignal | undefined): Promise<string[]> {
  const probe = new Uint8Array(32);
  const headers: Record<string, string> = {
    [V2_HEADERS.key]: 'cHJvYmU=', [V2_HEADERS.start]: 'cHJvYmU=', [V2_HEADERS.cekAlg]: 'AES/CTR/NoPadding',
    [V2_HEADERS.wrapAlg]: 'RSA/NONE/PKCS1Padding', [V2_HEADERS.matdesc]: '{"probe": "cors"}',
    [V2_HEADERS.unencryptedContentMd5]: 'cHJvYmU=', [V2_HEADERS.unencryptedContentLength]: '32',
    [V2_HEADERS.dataSize]: '32', [V2_HEADERS.partSize]: '102400',
  };
  let seen: Record<string, string>;
  try {
    const put = await send(ctx, (req) => ctx.transport.put(probeKey, probe, headers, req), { signal, retry: { retries: 1 } });
    const got = await send(ctx, (req) => ctx.transport.get(probeKey, { range: 'bytes=0-15' }, req), { signal, retry: { retries: 1 } });
    seen = { ...put.headers, ...got.headers };
  } catch (e) {
    // Without a readable ETag the transport reports the CORS gap itself.
    if (isOssCseError(e, 'ERR_CORS')) return ((e.details?.['missingExposeHeaders'] as string[] | undefined) ?? ['ETag']).concat(REQUIRED_EXPOSE_HEADERS.filter((h) => h !== 'ETag'));
    throw e;
  } finally {
    await send(ctx, (req) => ctx.transport.delete(probeKey, req), { retry: { retries: 0 } }).catch(() => undefined);
  }
  return REQUIRED_EXPOSE_HEADERS.filter((h) => !(h.toLowerCase() in seen));
}

function report(origin: string, originAllowed: boolean, missingMethods: string[], missingAllowedHeaders: string[], missingExposeHeaders: string[]): CorsReport {
  const ok = originAllowed && !missingMethods.length && !missingAllowedHeaders.length && !missingExposeHeaders.length;
  const lines: string[] = [];
  if (!originAllowed) lines.push(`The bucket has no CORS rule for origin ${origin || '(this page)'}: add one with AllowedOrigin ${origin || '<your origin>'}.`);
  if (missingMethods.length) lines.push(`AllowedMethod is missing: ${missingMethods.join(', ')}.`);
  if (missingAllowedHeaders.length) lines.push(`AllowedHeader is missing: ${missingAllowedHeaders.join(', ')} (or use AllowedHeader *).`);
  if (missingExposeHeaders.length) lines.push(`ExposeHeader is missing: ${missingExposeHeaders.join(', ')} (OSS does not accept * here; list each).`);
  return { ok, originAllowed, origin, missingMethods, missingAllowedHeaders, missingExposeHeaders, message: ok ? 'The bucket CORS rule allows everything oss-cse needs.' : lines.join(' ') };
}
