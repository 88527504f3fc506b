// Host and Origin allowlists of the demo backend. DNS rebinding (a foreign name made to resolve to this server)
// arrives with a foreign Host; a request made by another site's page arrives with a foreign Origin. Both are
// refused before any route runs.

/**
 * @typedef {object} RequestGuardOptions
 * @property {readonly string[]} allowedOrigins page origins (`https://app.example.com`); their hosts are allowed Hosts
 * @property {readonly string[]} [allowedHosts] further `Host` values (`host[:port]`), e.g. the backend's own address
 */

/**
 * @param {RequestGuardOptions} options
 * @example
 * const guard = requestGuard({ allowedOrigins: ['http://localhost:5173'] });
 * const refused = guard.check(req); // null, 'host' or 'origin'
 */
export function requestGuard({ allowedOrigins, allowedHosts = [] }) {
  /* Precondition: at least one page origin. */
  if (!Array.isArray(allowedOrigins) || allowedOrigins.length === 0) {
    throw new TypeError('"allowedOrigins" expected the page origins, e.g. ["http://localhost:5173"]');
  }
  const origins = new Set(allowedOrigins.map((o) => new URL(o).origin));
  const hosts = new Set([...[...origins].map((o) => new URL(o).host), ...allowedHosts].map((h) => h.toLowerCase()));
  return {
    origins: /** @type {readonly string[]} */ ([...origins]),
    /** @param {string} host a further allowed `Host` value */
    allowHost(host) {
      hosts.add(host.toLowerCase());
    },
    /**
     * Why the request is refused, or null: a missing or unknown Host, or an Origin header that is not a page origin.
     * @param {import('node:http').IncomingMessage} req
     * @returns {'host' | 'origin' | null}
     */
    check(req) {
      const host = req.headers.host?.toLowerCase();
      if (!host || !hosts.has(host)) return 'host';
      const origin = req.headers.origin;
      if (origin !== undefined && !origins.has(origin)) return 'origin';
      return null;
    },
  };
}
