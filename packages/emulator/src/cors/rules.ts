import { OssErrors } from '../errors/catalog.js';
import { childText, childrenNamed, parseXml } from '../xml/parse.js';
import { xmlDocument, type XmlNode } from '../xml/write.js';

/** One bucket CORS rule (PutBucketCors `CORSRule`). */
export interface CorsRule {
  /** `AllowedOrigin`s (one `*` allowed). */
  allowedOrigins: string[];
  /** `AllowedMethod`s: GET, PUT, POST, DELETE, HEAD. */
  allowedMethods: string[];
  /** `AllowedHeader`s (one `*` allowed). */
  allowedHeaders: string[];
  /** `ExposeHeader`s (no wildcard). */
  exposeHeaders: string[];
  /** `MaxAgeSeconds` of preflight answers. */
  maxAgeSeconds?: number;
}

/** A bucket CORS configuration (PutBucketCors). */
export interface CorsConfiguration {
  /** The rules, at most 10; the first match applies. */
  rules: CorsRule[];
  /**
   * `ResponseVary`: answers carry a `Vary: Origin, Access-Control-Request-Method, Access-Control-Request-Headers`
   * header.
   */
  responseVary: boolean;
}

const METHODS = new Set(['GET', 'PUT', 'POST', 'DELETE', 'HEAD']);
const MAX_RULES = 10;

/**
 * Checks a configuration the way PutBucketCors does (methods, one `*` per origin/header, no wildcard in ExposeHeader).
 */
export function validateCors(config: CorsConfiguration): void {
  if (config.rules.length === 0) throw OssErrors.malformedXml('CORSConfiguration must contain at least one CORSRule.');
  if (config.rules.length > MAX_RULES) throw OssErrors.invalidCorsRule(`At most ${MAX_RULES} CORS rules are allowed.`);
  for (const rule of config.rules) {
    if (rule.allowedOrigins.length === 0 || rule.allowedMethods.length === 0) {
      throw OssErrors.invalidCorsRule('Each CORSRule needs at least one AllowedOrigin and one AllowedMethod.');
    }
    for (const m of rule.allowedMethods)
      if (!METHODS.has(m)) throw OssErrors.invalidCorsRule(`Unsupported AllowedMethod: ${m}.`);
    for (const o of [...rule.allowedOrigins, ...rule.allowedHeaders]) {
      if ((o.match(/\*/g) ?? []).length > 1) throw OssErrors.invalidCorsRule(`At most one wildcard is allowed: ${o}.`);
    }
    for (const h of rule.exposeHeaders) {
      if (/[*<>&'"]/.test(h)) throw OssErrors.invalidCorsRule(`ExposeHeader may not contain * < > & ' ": ${h}.`);
    }
    if (rule.maxAgeSeconds !== undefined && (!Number.isInteger(rule.maxAgeSeconds) || rule.maxAgeSeconds < 0)) {
      throw OssErrors.invalidCorsRule('MaxAgeSeconds must be a non-negative integer.');
    }
  }
}

export function parseCorsXml(body: string): CorsConfiguration {
  const root = parseXml(body);
  if (root.name !== 'CORSConfiguration') throw OssErrors.malformedXml();
  const texts = (el: Parameters<typeof childrenNamed>[0], name: string): string[] =>
    childrenNamed(el, name).map((c) => c.text);
  const rules = childrenNamed(root, 'CORSRule').map((r): CorsRule => {
    const maxAge = childText(r, 'MaxAgeSeconds');
    const rule: CorsRule = {
      allowedOrigins: texts(r, 'AllowedOrigin'),
      allowedMethods: texts(r, 'AllowedMethod').map((m) => m.toUpperCase()),
      allowedHeaders: texts(r, 'AllowedHeader'),
      exposeHeaders: texts(r, 'ExposeHeader'),
    };
    if (maxAge !== undefined) rule.maxAgeSeconds = Number(maxAge);
    return rule;
  });
  const config = { rules, responseVary: childText(root, 'ResponseVary') === 'true' };
  validateCors(config);
  return config;
}

export function corsToXml(config: CorsConfiguration): string {
  const rules: XmlNode[] = config.rules.map((r) => [
    'CORSRule',
    [
      ...r.allowedOrigins.map((o): XmlNode => ['AllowedOrigin', o]),
      ...r.allowedMethods.map((m): XmlNode => ['AllowedMethod', m]),
      ...r.allowedHeaders.map((h): XmlNode => ['AllowedHeader', h]),
      ...r.exposeHeaders.map((h): XmlNode => ['ExposeHeader', h]),
      r.maxAgeSeconds !== undefined ? ['MaxAgeSeconds', r.maxAgeSeconds] : null,
    ],
  ]);
  return xmlDocument('CORSConfiguration', [...rules, ['ResponseVary', config.responseVary]]);
}

/** `*` matches any run of characters; comparison is case-insensitive when `ignoreCase`. */
export function wildcardPattern(pattern: string, ignoreCase: boolean): RegExp {
  const body = pattern
    .split('*')
    .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}$`, ignoreCase ? 'i' : '');
}

export function ruleMatchesOrigin(rule: CorsRule, origin: string): boolean {
  return rule.allowedOrigins.some((p) => wildcardPattern(p, false).test(origin));
}

export function ruleAllowsHeader(rule: CorsRule, header: string): boolean {
  return rule.allowedHeaders.some((p) => wildcardPattern(p, true).test(header));
}
