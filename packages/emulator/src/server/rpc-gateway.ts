import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RpcRequest, RpcResponse } from '../shared/contracts.js';
import { utf8ToLatin1 } from './headers.js';

export type RpcService = { handle(req: RpcRequest): Promise<RpcResponse> };

/** STS actions; every other RPC action goes to KMS. */
const STS_ACTIONS = new Set(['AssumeRole', 'GetCallerIdentity']);

export type RpcRoute = 'sts' | 'kms';

/**
 * Chooses the RPC service for a request, or undefined for OSS:
 * - path `/sts[/...]` or `/kms[/...]` (the documented endpoints `http://HOST:PORT/sts/`, `/kms/`);
 * - on `/`: an `Action` query parameter, an `x-acs-action` header, or a form POST (what official SDKs send to a bare
 * host).
 */
export function rpcRoute(
  method: string,
  rawPath: string,
  query: URLSearchParams,
  headers: Record<string, string>,
): RpcRoute | 'by-action' | undefined {
  const first = rawPath.split('/')[1] ?? '';
  if (first === 'sts' || first === 'kms') return first;
  if (rawPath !== '/') return undefined;
  if (query.has('Action') || headers['x-acs-action'] !== undefined) return 'by-action';
  if (method === 'POST' && (headers['content-type'] ?? '').includes('application/x-www-form-urlencoded'))
    return 'by-action';
  return undefined;
}

export function serviceForAction(query: URLSearchParams, headers: Record<string, string>, body: Buffer): RpcRoute {
  const action =
    headers['x-acs-action'] ?? query.get('Action') ?? new URLSearchParams(body.toString('utf8')).get('Action') ?? '';
  return STS_ACTIONS.has(action) ? 'sts' : 'kms';
}

export async function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) throw new Error('request body too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

export async function forwardRpc(
  service: RpcService,
  req: IncomingMessage,
  res: ServerResponse,
  request: RpcRequest,
): Promise<void> {
  const answer = await service.handle(request);
  res.statusCode = answer.status;
  for (const [name, value] of Object.entries(answer.headers)) res.setHeader(name, utf8ToLatin1(value));
  const body = Buffer.from(answer.body, 'utf8');
  res.setHeader('Content-Length', String(body.length));
  res.end(req.method === 'HEAD' ? undefined : body);
}
