import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FaultController } from './controller.js';
import type { FaultRule } from './rules.js';

/** Prefix of the admin routes (enabled with `admin: true`, loopback clients only). */
export const ADMIN_PREFIX = '/__emulator';

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

export function isLoopback(address: string | undefined): boolean {
  return address !== undefined && LOOPBACK.test(address);
}

function json(res: ServerResponse, status: number, value: unknown): void {
  const body = Buffer.from(JSON.stringify(value));
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json');
  res.setHeader('Content-Length', String(body.length));
  res.end(body);
}

/**
 * Admin API:
 * - `GET  /__emulator/faults` → counters and active rules
 * - `POST /__emulator/faults` `{type:'fail'|'reset'|'delay', ...}` → `{id}`
 * - `DELETE /__emulator/faults[/ID]` → remove all rules (or one)
 * - `POST /__emulator/sts/expire` → expire every STS token
 * - `POST /__emulator/clock` `{shiftMs}` → `{offsetMs}`
 */
export async function handleAdmin(req: IncomingMessage, res: ServerResponse, faults: FaultController, body: Buffer): Promise<void> {
  if (!isLoopback(req.socket.remoteAddress)) return json(res, 403, { error: 'admin routes are loopback-only' });
  const path = (req.url ?? '').split('?')[0]?.slice(ADMIN_PREFIX.length) ?? '';
  const method = req.method ?? 'GET';
  let input: Record<string, unknown> = {};
  try {
    if (body.length > 0) input = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
  } catch {
    return json(res, 400, { error: 'body must be JSON' });
  }
  try {
    if (path === '/faults' && method === 'GET') return json(res, 200, faults.stats());
    if (path === '/faults' && method === 'POST') {
      if (!['fail', 'reset', 'delay'].includes(String(input.type))) return json(res, 400, { error: 'type must be fail, reset or delay' });
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
