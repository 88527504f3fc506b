// The demo backend: holds the long-term AccessKey (never sent to the page) and vends STS tokens scoped to the
// user's prefix (and the demo KMS key), and relays the page's signed KMS requests. The page's master keys never
// reach it: it sees neither plaintext nor data keys.
import { createServer } from 'node:http';
import { KMS_RELAY_PATH, demoKmsRelay } from './kms.mjs';
import { stsVendor } from './sts.mjs';

/**
 * @typedef {object} DemoServerConfig
 * @property {string} bucket default bucket
 * @property {string} ossEndpoint e.g. `http://localhost:9000` or `https://oss-cn-hangzhou.aliyuncs.com`
 * @property {string} region e.g. `cn-hangzhou`
 * @property {boolean} pathStyle path-style URLs (the emulator)
 * @property {string} accessKeyId long-term AccessKey of the backend
 * @property {string} accessKeySecret
 * @property {string} [stsEndpoint]
 * @property {string} roleArn the RAM role the tokens assume
 * @property {number} [tokenSeconds] token lifetime (default 900)
 * @property {import('./kms.mjs').DemoKmsConfig | null} [kms] the KMS key of the page and its relay (mounted at /kms-relay)
 * @property {number} [port] default 0 (any free port)
 * @property {string} [host] default 127.0.0.1
 */

/**
 * @param {DemoServerConfig} config
 * @returns {Promise<{ url: string, port: number, close(): Promise<void> }>}
 */
export async function startDemoServer(config) {
  const vend = stsVendor(config);
  const relay = config.kms ? demoKmsRelay(config.kms) : null;
  /** @type {string} */
  let ownUrl = '';
  const server = createServer(async (req, res) => {
    if (relay?.(req, res)) return;
    const url = new URL(req.url ?? '/', 'http://demo.invalid');
    const user = sanitize(url.searchParams.get('user') ?? 'demo');
    const bucket = url.searchParams.get('bucket') || config.bucket;
    const prefix = `users/${user}/`;
    try {
      if (url.pathname === '/api/config') {
        return json(res, 200, {
          bucket, endpoint: config.ossEndpoint, region: config.region, pathStyle: config.pathStyle, user, prefix,
          kms: config.kms ? { keyId: config.kms.keyId, relayUrl: config.kms.relayUrl ?? `${ownUrl}${KMS_RELAY_PATH}/` } : null,
        });
      }
      if (url.pathname === '/api/sts') {
        const seconds = Number(url.searchParams.get('seconds') ?? config.tokenSeconds ?? 900);
        return json(res, 200, await vend({ bucket, prefix, session: user, durationSeconds: seconds }));
      }
      return json(res, 404, { error: 'not found' });
    } catch (e) {
      return json(res, 502, { error: e instanceof Error ? e.message : String(e), code: /** @type {{code?: string}} */ (e).code ?? null });
    }
  });
  server.listen(config.port ?? 0, config.host ?? '127.0.0.1');
  await new Promise((resolve, reject) => { server.once('listening', resolve); server.once('error', reject); });
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  ownUrl = `http://${config.host ?? '127.0.0.1'}:${address.port}`;
  return {
    url: ownUrl,
    port: address.port,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve(undefined)); }),
  };
}

/** @param {string} user */
function sanitize(user) {
  const clean = user.toLowerCase().replace(/[^a-z0-9-]/g, '').slice(0, 32);
  return clean || 'demo';
}

/** @param {import('node:http').ServerResponse} res @param {number} status @param {unknown} body */
function json(res, status, body) {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}
