import { OssErrors } from '../errors/catalog.js';
import { ruleAllowsHeader, ruleMatchesOrigin, type CorsConfiguration, type CorsRule } from './rules.js';

/** Response headers for a rule that matched. */
function ruleHeaders(rule: CorsRule, origin: string, config: CorsConfiguration): Record<string, string> {
  const headers: Record<string, string> = {
    'Access-Control-Allow-Origin': rule.allowedOrigins.includes('*') ? '*' : origin,
    'Access-Control-Allow-Methods': rule.allowedMethods.join(', '),
  };
  if (rule.exposeHeaders.length > 0) headers['Access-Control-Expose-Headers'] = rule.exposeHeaders.join(', ');
  if (rule.maxAgeSeconds !== undefined) headers['Access-Control-Max-Age'] = String(rule.maxAgeSeconds);
  if (config.responseVary) headers['Vary'] = 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers';
  return headers;
}

/**
 * Answers a preflight (`OPTIONS` with Origin and Access-Control-Request-Method): the first rule that allows the
 * origin, the method and every requested header wins; otherwise 403 AccessForbidden as OSS answers.
 */
export function evaluatePreflight(
  config: CorsConfiguration | undefined,
  origin: string | undefined,
  method: string | undefined,
  requestHeaders: string | undefined,
): Record<string, string> {
  if (!config) throw OssErrors.corsNotEnabled();
  if (!origin || !method) throw OssErrors.corsNotAllowed();
  const wanted = (requestHeaders ?? '')
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter((h) => h !== '');
  const rule = config.rules.find(
    (r) =>
      ruleMatchesOrigin(r, origin) &&
      r.allowedMethods.includes(method.toUpperCase()) &&
      wanted.every((h) => ruleAllowsHeader(r, h)),
  );
  if (!rule) throw OssErrors.corsNotAllowed();
  const headers = ruleHeaders(rule, origin, config);
  if (wanted.length > 0) headers['Access-Control-Allow-Headers'] = wanted.join(', ');
  return headers;
}

/** CORS headers for an actual (non-preflight) request; empty when no rule matches (the browser then blocks it). */
export function corsResponseHeaders(
  config: CorsConfiguration | undefined,
  origin: string | undefined,
  method: string,
): Record<string, string> {
  if (!config || !origin) return {};
  const rule = config.rules.find(
    (r) => ruleMatchesOrigin(r, origin) && r.allowedMethods.includes(method.toUpperCase()),
  );
  return rule ? ruleHeaders(rule, origin, config) : {};
}

/** Headers every browser client of this library must be able to read. */
export const DEFAULT_EXPOSE_HEADERS = [
  'ETag',
  'x-oss-request-id',
  'x-oss-hash-crc64ecma',
  'x-oss-object-type',
  'Content-Range',
  'Content-Length',
  'Last-Modified',
  'x-oss-meta-client-side-encryption-key',
  'x-oss-meta-client-side-encryption-start',
  'x-oss-meta-client-side-encryption-cek-alg',
  'x-oss-meta-client-side-encryption-wrap-alg',
  'x-oss-meta-client-side-encryption-matdesc',
  'x-oss-meta-client-side-encryption-unencrypted-content-md5',
  'x-oss-meta-client-side-encryption-unencrypted-content-length',
  'x-oss-meta-client-side-encryption-data-size',
  'x-oss-meta-client-side-encryption-part-size',
];

/** The rule the emulator installs on start-up buckets when `corsOrigins` is given. */
export function defaultCorsConfiguration(origins: readonly string[]): CorsConfiguration {
  return {
    rules: [
      {
        allowedOrigins: [...origins],
        allowedMethods: ['GET', 'PUT', 'POST', 'DELETE', 'HEAD'],
        allowedHeaders: ['*'],
        exposeHeaders: [...DEFAULT_EXPOSE_HEADERS],
        maxAgeSeconds: 600,
      },
    ],
    responseVary: false,
  };
}
