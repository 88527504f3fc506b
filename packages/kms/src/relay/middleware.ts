// The relay as Connect/Express/Vite middleware, and as a Vite plugin for dev and preview servers.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { relayRequest } from './handler.js';
import { resolveRelayOptions, type KmsRelayOptions } from './options.js';

/** Connect-style middleware. */
export type RelayMiddleware = (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => void;

function underPath(url: string, path: string): boolean {
  const pathname = url.split('?')[0] ?? '';
  return path === '/' || pathname === path || pathname.startsWith(`${path}/`);
}

/**
 * Relays requests under `path` (default `/kms-relay`) and passes everything else to `next`.
 *
 * @example
 * ```ts
 * import { kmsRelayMiddleware } from '@oss-cse/kms/relay';
 * import { createServer } from 'node:http';
 * const relay = kmsRelayMiddleware({ region: 'cn-hangzhou', allowedOrigins: ['http://localhost:5173'] });
 * createServer((req, res) => relay(req, res, () => res.writeHead(404).end())).listen(8787);
 * // page: new KmsMasterKey({ endpoint: `${location.origin}/kms-relay/`, credentials, keyId })
 * ```
 */
export function kmsRelayMiddleware(options: KmsRelayOptions): RelayMiddleware {
  const resolved = resolveRelayOptions(options);
  const handle = relayRequest(resolved);
  return (req, res, next) => {
    if (!underPath(req.url ?? '/', resolved.path)) return next();
    handle(req, res).catch(next);
  };
}

/** The subset of Vite's server objects the plugin touches (no dependency on vite's types). */
interface ServerWithMiddlewares {
  middlewares: { use(fn: RelayMiddleware): unknown };
}

/**
 * A Vite plugin mounting {@link kmsRelayMiddleware} on the dev server and on `vite preview`.
 *
 * @example
 * ```ts
 * // vite.config.ts
 * import { kmsRelayVitePlugin } from '@oss-cse/kms/relay';
 * export default { plugins: [kmsRelayVitePlugin({ region: 'cn-hangzhou', allowedOrigins: ['http://localhost:5173'] })] };
 * ```
 */
export function kmsRelayVitePlugin(options: KmsRelayOptions): {
  /** The plugin name. */
  name: string;
  /** Mounts the relay on the dev server. */
  configureServer(server: ServerWithMiddlewares): void;
  /** Mounts the relay on the preview server. */
  configurePreviewServer(server: ServerWithMiddlewares): void;
} {
  const middleware = kmsRelayMiddleware(options);
  return {
    name: 'oss-cse-kms-relay',
    configureServer: (server) => void server.middlewares.use(middleware),
    configurePreviewServer: (server) => void server.middlewares.use(middleware),
  };
}
