// The demo backend: holds the long-term AccessKey (never sent to the page), signs users in with a session cookie,
// vends STS tokens scoped to the signed-in user's prefix of the one configured bucket (and the demo KMS key), and
// relays the page's signed KMS requests. Requests with a foreign Host or Origin are refused first. The page's
// master keys never reach it: it sees neither plaintext nor data keys.
import { createServer } from 'node:http';
import { demoApi } from './api.mjs';
import { HttpError, sendError } from './http.mjs';
import { KMS_RELAY_PATH, demoKmsRelay } from './kms.mjs';
import { requestGuard } from './request-guard.mjs';
import { sessionSigner } from './session.mjs';
import { clampTokenSeconds, stsVendor } from './sts.mjs';

/**
 * @typedef {object} DemoServerConfig
 * @property {string} bucket the one bucket tokens are for (never taken from a request)
 * @property {string} ossEndpoint e.g. `http://localhost:9000` or `https://oss-cn-hangzhou.aliyuncs.com`
 * @property {string} region e.g. `cn-hangzhou`
 * @property {boolean} pathStyle path-style URLs (the emulator)
 * @property {string} accessKeyId long-term AccessKey of the backend
 * @property {string} accessKeySecret
 * @property {string} [stsEndpoint]
 * @property {string} roleArn the RAM role the tokens assume
 * @property {number} [tokenSeconds] token lifetime, clamped to 900..3600 (default 900)
 * @property {readonly string[]} allowedOrigins the page origins (`http://localhost:5173`): other Origin headers are
 *   refused, and their hosts are the accepted Host headers (a proxy in front must keep the Host, as Vite's does)
 * @property {readonly string[]} [allowedHosts] further accepted Host values; the backend's own address always is
 * @property {string | Uint8Array} [sessionSecret] HMAC key of the session cookies, at least 32 bytes
 *   (default: random at start, so sessions end with the process)
 * @property {number} [sessionSeconds] session lifetime (default 8 h)
 * @property {boolean} [secureCookie] force the cookie's Secure attribute (default: when the page origin is https)
 * @property {import('./kms.mjs').DemoKmsConfig | null} [kms] the KMS key of the page and its relay (mounted at
 *   /kms-relay)
 * @property {number} [port] default 0 (any free port)
 * @property {string} [host] default 127.0.0.1
 */

/**
 * @param {DemoServerConfig} config
 * @returns {Promise<{ url: string, port: number, close(): Promise<void> }>}
 */
export async function startDemoServer(config) {
  const guard = requestGuard({ allowedOrigins: config.allowedOrigins, allowedHosts: config.allowedHosts });
  const sessions = sessionSigner({ secret: config.sessionSecret, ttlSeconds: config.sessionSeconds });
  const relay = config.kms ? demoKmsRelay(config.kms, guard.origins) : null;
  /** @type {string} */
  let ownUrl = '';
  const api = demoApi({
    config,
    sessions,
    vend: stsVendor(config),
    tokenSeconds: clampTokenSeconds(config.tokenSeconds),
    relayUrl: () => config.kms?.relayUrl ?? `${ownUrl}${KMS_RELAY_PATH}/`,
  });
  const server = createServer(async (req, res) => {
    const refused = guard.check(req);
    if (refused === 'host')
      return sendError(res, new HttpError(403, 'HOST_NOT_ALLOWED', 'this Host is not served here'));
    if (refused === 'origin')
      return sendError(res, new HttpError(403, 'ORIGIN_NOT_ALLOWED', 'this Origin may not call the demo backend'));
    if (relay?.(req, res)) return;
    try {
      await api(req, res);
    } catch (e) {
      if (res.headersSent) return void res.destroy();
      const error = e instanceof HttpError ? e : new HttpError(500, 'INTERNAL', 'the demo backend failed');
      // The rest of an unread body is not waited for.
      if (!req.complete) res.setHeader('connection', 'close');
      sendError(res, error);
    }
  });
  const host = config.host ?? '127.0.0.1';
  server.listen(config.port ?? 0, host);
  await new Promise((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  ownUrl = `http://${host}:${address.port}`;
  // The KMS relay URL the page is given points here directly.
  guard.allowHost(`${host}:${address.port}`);
  return {
    url: ownUrl,
    port: address.port,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve(undefined));
      }),
  };
}
