import type { IncomingMessage, ServerResponse } from 'node:http';
import { isLoopback, isLoopbackHost } from '../server/loopback.js';
import { readBody } from '../server/rpc-gateway.js';
import type { FaultController } from './controller.js';
import type { FaultRule } from './rules.js';

/** Prefix of the admin routes (enabled with `admin: true`, loopback clients only). */
export const ADMIN_PREFIX = '/__emulator';

function json(res: ServerResponse, status: number, value: unknown): void {
  const body = Buffer.from(JSON.stringify(value));
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json');
  res.setHeader('Content-Length', String(body.length));
  res.end(body);
}

const MAX_ADMIN_BODY = 64 * 1024;

/** `application/json`, with or without parameters (`; charset=utf-8`). */
function isJson(contentType: string | undefined): boolean {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() === 'application/json';
}

/**
 * Admin API (loopback clients addressing a loopback host name only, against DNS rebinding; requests carrying an
 * `Origin` header, i.e. sent by a web page, are refused
 * with 403, and every POST must be `Content-Type: application/json`, else 415):
 * - `GET  /__emulator/faults` → counters and active rules
 * - `POST /__emulator/faults` `{type:'fail'|'reset'|'delay', ...}` → `{id}`
 * - `DELETE /__emulator/faults[/ID]` → remove all rules (or one)
 * - `POST /__emulator/sts/expire` → expire every STS token
 * - `POST /__emulator/clock` `{shiftMs}` → `{offsetMs}`
 */
export async function handleAdmin(req: IncomingMessage, res: ServerResponse, faults: FaultController): Promise<void> {
  if (!isLoopback(req.socket.remoteAddress)) return json(res, 403, { error: 'admin routes are loopback-only' });
  if (!isLoopbackHost(req.headers.host))
    return json(res, 403, { error: 'admin routes answer loopback host names only' });
  if (req.headers.origin !== undefined)
    return json(res, 403, { error: 'admin routes refuse requests from web pages (Origin header)' });
  const path = (req.url ?? '').split('?')[0]?.slice(ADMIN_PREFIX.length) ?? '';
  const method = req.method ?? 'GET';
  if (method === 'POST' && !isJson(req.headers['content-type']))
    return json(res, 415, { error: 'admin POST requests must be Content-Type: application/json' });
  let input: Record<string, unknown> = {};
  try {
    const body = await readBody(req, MAX_ADMIN_BODY);
    if (body.length > 0) input = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
  } catch {
    return json(res, 400, { error: `body must be JSON of at most ${MAX_ADMIN_BODY} bytes` });
  }
  try {
    if (path === '/faults' && method === 'GET') return json(res, 200, faults.stats());
    if (path === '/faults' && method === 'POST') {
      if (!['fail', 'reset', 'delay'].includes(String(input.type)))
        return json(res, 400, { error: 'type must be fail, reset or delay' });
      return json(res, 200, { id: faults.add(input as unknown as FaultRule) });
    }
    if (path === '/faults' && method === 'DELETE') {
      faults.clear();
      return json(res, 200, faults.stats());
    }
    const one = /^\/faults\/(\d+)$/.exec(path);
    if (one && method === 'DELETE') return json(res, faults.remove(Number(one[1])) ? 200 : 404, faults.stats());
    if (path === '/sts/expire' && method === 'POST') {
      await faults.expireStsTokens();
      return json(res, 200, faults.stats());
    }
    if (path === '/clock' && method === 'POST') {
      const shift = Number(input.shiftMs);
      if (!Number.isFinite(shift)) return json(res, 400, { error: 'shiftMs must be a number' });
      faults.shiftClock(shift);
      return json(res, 200, { offsetMs: faults.stats().clockOffsetMs });
    }
  } catch (err) {
    return json(res, 400, { error: err instanceof Error ? err.message : String(err) });
  }
  return json(res, 404, { error: `no admin route ${method} ${path}` });
}
