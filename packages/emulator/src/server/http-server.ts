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
  /** A request's headers must arrive within this time (slow-header clients are cut off with 408). */
  headersTimeoutMs?: number;
  /** A connection with no bytes in either direction for this long during a request is closed. */
  idleTimeoutMs?: number;
  /** Called once per request when its response ends or its connection closes (see {@link RequestLogEntry}). */
  onRequest?: (entry: RequestLogEntry) => void;
}

/** One request as the server saw it, for tests that check what clients sent and what they were sent. */
export interface RequestLogEntry {
  /** The HTTP method. */
  readonly method: string;
  /** Path and query as received (a URL fragment is never sent, so never here). */
  readonly url: string;
  /** Request headers, lower-case names. */
  readonly headers: Readonly<Record<string, string>>;
  /** The response status. */
  readonly status: number;
  /** Bytes written to the connection for this response (headers included; less than the body if the client left). */
  readonly bytesSent: number;
}

function logRequest(req: IncomingMessage, res: ServerResponse, onRequest: (entry: RequestLogEntry) => void): void {
  const socket = req.socket;
  const before = socket.bytesWritten;
  let logged = false;
  const done = () => {
    if (logged) return;
    logged = true;
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers))
      if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
    onRequest({
      method: (req.method ?? 'GET').toUpperCase(),
      url: req.url ?? '/',
      headers,
      status: res.statusCode,
      bytesSent: socket.bytesWritten - before,
    });
  };
  res.once('finish', done);
  res.once('close', done);
}

/**
 * Timeouts. There is no limit on a whole request (Node's `requestTimeout` is turned off): a 5 GiB upload from a
 * slow client may take many minutes, and is fine as long as bytes keep flowing. Instead the headers must
 * arrive within `headersTimeoutMs`, and a request whose connection goes quiet for `idleTimeoutMs` (a body
 * that stops arriving, a client that stops reading) is cut off.
 */
export const DEFAULT_HEADERS_TIMEOUT_MS = 40_000;
export const DEFAULT_IDLE_TIMEOUT_MS = 120_000;

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
      const payload = JSON.stringify({
        RequestId: requestId,
        Code: injected.fail.code,
        Message: injected.fail.message,
      });
      res.writeHead(injected.fail.status, {
        'Content-Type': 'application/json',
        'Content-Length': String(Buffer.byteLength(payload)),
      });
      res.end(payload);
      return;
    }
    await forwardRpc(service === 'sts' ? options.sts : options.kms, req, res, {
      method,
      path: rawPath,
      query,
      headers,
      body,
    });
  };
  const headersTimeout = options.headersTimeoutMs ?? DEFAULT_HEADERS_TIMEOUT_MS;
  const server = createServer(
    {
      requestTimeout: 0,
      headersTimeout,
      // How often Node looks for connections past the headers timeout (its default, 30 s, would let a slow client
      // hold a connection up to 30 s longer).
      connectionsCheckingInterval: Math.max(250, Math.min(headersTimeout / 4, 5_000)),
    },
    (req, res) => {
      if (options.onRequest) logRequest(req, res, options.onRequest);
      dispatch(req, res).catch((err: unknown) => {
        options.onInternalError?.(err);
        if (!res.headersSent) {
          res.statusCode = 500;
          res.end();
        } else res.socket?.destroy();
      });
    },
  );
  // Node closes idle keep-alive sockets after 5 s; browsers keep theirs far longer and may send on one the
  // server is closing ("Failed to fetch" / a network error on a fine request). Keep them open longer, as OSS's
  // front ends do; close() still ends every connection at once.
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  // Socket inactivity during a request (between requests the keep-alive timeout applies); with no 'timeout'
  // listener Node destroys the socket.
  server.timeout = options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
  return server;
}

/** Idle keep-alive time (below the headers timeout). */
const KEEP_ALIVE_TIMEOUT_MS = 30_000;
