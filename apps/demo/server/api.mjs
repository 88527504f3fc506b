// The demo backend's routes: sign in and out, the page configuration and STS tokens of the signed-in user.
// The user comes from the session cookie only and the bucket from the server configuration; query parameters
// are never read.
import { HttpError, readJsonBody, sendJson } from './http.mjs';
import { isUserName, sessionCookie, sessionToken } from './session.mjs';
import { userPrefix } from './sts.mjs';

/**
 * @typedef {object} DemoApiOptions
 * @property {import('./server.mjs').DemoServerConfig} config
 * @property {ReturnType<typeof import('./session.mjs').sessionSigner>} sessions
 * @property {ReturnType<typeof import('./sts.mjs').stsVendor>} vend
 * @property {number} tokenSeconds clamped token lifetime
 * @property {() => string} relayUrl the KMS relay URL handed to the page
 */

/** Upstream STS codes are passed on only when they look like a code (`NoPermission`, `InvalidParameter.Policy`). */
const UPSTREAM_CODE = /^[A-Za-z][A-Za-z0-9.]{0,63}$/;

/**
 * @param {DemoApiOptions} options
 * @returns {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => Promise<void>}
 */
export function demoApi({ config, sessions, vend, tokenSeconds, relayUrl }) {
  /** @param {import('node:http').IncomingMessage} req */
  const secure = (req) => config.secureCookie ?? req.headers.origin?.startsWith('https://') ?? false;

  /** @param {import('node:http').IncomingMessage} req */
  function sessionUser(req) {
    const user = sessions.verify(sessionToken(req.headers.cookie));
    if (!user) throw new HttpError(401, 'NO_SESSION', 'sign in first');
    return user;
  }

  /** @typedef {import('node:http').IncomingMessage} Request */
  /** @typedef {(req: Request, res: import('node:http').ServerResponse) => Promise<void>} Route */
  /** @type {Record<string, Record<string, Route>>} */
  const routes = {
    '/api/session': {
      async POST(req, res) {
        const body = /** @type {{ name?: unknown } | null} */ (await readJsonBody(req));
        const name = body?.name;
        if (!isUserName(name))
          throw new HttpError(400, 'INVALID_NAME', 'the name must be 1 to 32 characters a-z, 0-9 or -');
        const cookie = sessionCookie(sessions.issue(name), { maxAge: sessions.ttlSeconds, secure: secure(req) });
        sendJson(res, 200, { user: name, prefix: userPrefix(name) }, { 'set-cookie': cookie });
      },
    },
    '/api/session/logout': {
      async POST(req, res) {
        await readJsonBody(req);
        res
          .writeHead(204, {
            'cache-control': 'no-store',
            'set-cookie': sessionCookie('', { maxAge: 0, secure: secure(req) }),
          })
          .end();
      },
    },
    '/api/config': {
      async GET(req, res) {
        const user = sessionUser(req);
        sendJson(res, 200, {
          bucket: config.bucket,
          endpoint: config.ossEndpoint,
          region: config.region,
          pathStyle: config.pathStyle,
          user,
          prefix: userPrefix(user),
          kms: config.kms ? { keyId: config.kms.keyId, relayUrl: relayUrl() } : null,
        });
      },
    },
    '/api/sts': {
      async GET(req, res) {
        const user = sessionUser(req);
        let token;
        try {
          token = await vend({ user, durationSeconds: tokenSeconds });
        } catch (e) {
          const code = /** @type {{ code?: unknown }} */ (e)?.code;
          throw new HttpError(
            502,
            'STS_FAILED',
            'the STS token request failed',
            typeof code === 'string' && UPSTREAM_CODE.test(code) ? { upstreamCode: code } : {},
          );
        }
        sendJson(res, 200, token);
      },
    },
  };

  return async (req, res) => {
    const { pathname } = new URL(req.url ?? '/', 'http://demo.invalid');
    const route = Object.hasOwn(routes, pathname) ? routes[pathname] : undefined;
    if (!route) throw new HttpError(404, 'NOT_FOUND', 'no such route');
    const method = req.method ?? 'GET';
    const handler = Object.hasOwn(route, method) ? route[method] : undefined;
    if (!handler) throw new HttpError(405, 'METHOD_NOT_ALLOWED', `use ${Object.keys(route).join(' or ')}`);
    await handler(req, res);
  };
}
