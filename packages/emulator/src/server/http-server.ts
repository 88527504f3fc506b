import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { ADMIN_PREFIX, handleAdmin } from '../faults/admin-route.js';
import type { FaultController } from '../faults/controller.js';
import { newRequestId } from '../shared/ids.js';
import { normalizeRequestHeaders } from './headers.js';
import type { OssGateway } from './oss-gateway.js';
import { forwardRpc, readBody, rpcRoute, serviceForAction, type RpcService } from './rpc-gateway.js';

export interface HttpServerOptions {
  oss: OssGateway;
  sts: RpcService;
  kms: RpcService;
  faults: FaultController;
  admin: boolean;
  onInternalError?: (err: unknown) => void;
}

const MAX_RPC_BODY = 1024 * 1024;

/** One HTTP server: admin routes, STS/KMS RPC endpoints, and everything else as OSS. */
export function createHttpServer(options: HttpServerOptions): Server {
  const dispatch = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = req.url ?? '/';
    const headers = normalizeRequestHeaders(req.headers);
    const requestId = newRequestId();
    const q = url.indexOf('?');
    const rawPath = q < 0 ? url : url.slice(0, q);
    if (options.admin && (rawPath === ADMIN_PREFIX || rawPath.startsWith(`${ADMIN_PREFIX}/`))) {
      await handleAdmin(req, res, options.faults);
      return;
    }
    const query = new URLSearchParams(q < 0 ? '' : url.slice(q + 1));
    const method = (req.method ?? 'GET').toUpperCase();
    const route = rpcRoute(method, rawPath, query, headers);
    if (route === undefined) {
      await options.oss(req, res, headers, requestId);
      return;
    }
    const body = await readBody(req, MAX_RPC_BODY);
    const service = route === 'by-action' ? serviceForAction(query, headers, body) : route;
    const injected = options.faults.take({ method, operation: service });
    if (injected.delayMs > 0) await new Promise((r) => setTimeout(r, injected.delayMs));
    if (injected.resetAfterBytes !== undefined) {
      req.socket.destroy();
      return;
    }
    if (injected.fail) {
      const payload = JSON.stringify({ RequestId: requestId, Code: injected.fail.code, Message: injected.fail.message });
      res.writeHead(injected.fail.status, { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(payload)) });
      res.end(payload);
      return;
    }
    await forwardRpc(service === 'sts' ? options.sts : options.kms, req, res, { method, path: rawPath, query, headers, body });
  };
  const server = createServer((req, res) => {
    dispatch(req, res).catch((err: unknown) => {
      options.onInternalError?.(err);
      if (!res.headersSent) {
        res.statusCode = 500;
        res.end();
      } else res.socket?.destroy();
    });
  });
  // Node closes idle keep-alive sockets after 5 s; browsers keep theirs far longer and may send on one the
  // server is closing ("Failed to fetch" / a network error on a fine request). Keep them open longer, as OSS's
  // front ends do; close() still ends every connection at once.
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  return server;
}

/** Idle keep-alive time (below Node's 60 s headers timeout). */
const KEEP_ALIVE_TIMEOUT_MS = 30_000;
