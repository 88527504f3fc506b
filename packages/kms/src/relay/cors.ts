// CORS for the relay: only configured origins, simple requests plus a preflight allowing content-type.
import type { IncomingMessage } from 'node:http';
import type { ResolvedRelayOptions } from './options.js';

/** Headers a page may send through the relay (V1 requests need none beyond these). */
export const RELAY_ALLOWED_HEADERS = 'content-type, accept';

/** The request's Origin, or undefined for non-browser callers. */
export function requestOrigin(req: IncomingMessage): string | undefined {
  const origin = req.headers.origin;
  return typeof origin === 'string' && origin !== '' ? origin : undefined;
}

/** CORS headers for an allowed origin (undefined origin: none needed). */
export function corsHeaders(options: ResolvedRelayOptions, origin: string | undefined): Record<string, string> {
  if (origin === undefined) return {};
  return {
    'access-control-allow-origin': options.anyOrigin ? '*' : origin,
    'access-control-expose-headers': 'x-acs-request-id',
    vary: 'Origin',
  };
}

/** The answer to an OPTIONS preflight from an allowed origin. */
export function preflightHeaders(options: ResolvedRelayOptions, origin: string | undefined): Record<string, string> {
  return {
    ...corsHeaders(options, origin),
    'access-control-allow-methods': 'GET, POST',
    'access-control-allow-headers': RELAY_ALLOWED_HEADERS,
    'access-control-max-age': '600',
  };
}
