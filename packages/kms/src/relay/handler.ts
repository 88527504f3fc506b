// The relay: checks origin, method, size, body type, repeated parameters, signature form and action, then
// forwards the signed request to KMS unchanged (V1 signatures do not cover the host) and returns KMS's answer
// with CORS headers.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { corsHeaders, preflightHeaders, requestOrigin } from './cors.js';
import { resolveRelayOptions, type KmsRelayOptions, type ResolvedRelayOptions } from './options.js';
import { relayParams } from './params.js';
import { BodyTooLargeError, readBody } from './read-body.js';

/** A Node `http` request listener. */
export type RelayHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

function reply(
  res: ServerResponse,
  status: number,
  headers: Record<string, string>,
  code?: string,
  message?: string,
): void {
  if (code === undefined) {
    res.writeHead(status, headers).end();
    return;
  }
  const body = JSON.stringify({ Code: code, Message: message ?? code, HostId: 'oss-cse-kms-relay' });
  res
    .writeHead(status, { ...headers, 'content-type': 'application/json;charset=utf-8', 'cache-control': 'no-store' })
    .end(body);
}

async function forward(
  options: ResolvedRelayOptions,
  req: IncomingMessage,
  res: ServerResponse,
  origin: string | undefined,
): Promise<void> {
  const cors = corsHeaders(options, origin);
  const method = req.method ?? 'GET';
  if (method !== 'GET' && method !== 'POST')
    return reply(
      res,
      405,
      { ...cors, allow: 'GET, POST, OPTIONS' },
      'UnsupportedHTTPMethod',
      'the KMS relay forwards GET and POST',
    );
  const rawUrl = req.url ?? '/';
  if (rawUrl.length > options.maxUrlLength)
    return reply(
      res,
      414,
      cors,
      'Relay.UrlTooLong',
      `the request URL is longer than ${options.maxUrlLength} characters`,
    );
  if (req.headers.authorization !== undefined || req.headers['x-acs-signature-nonce'] !== undefined) {
    return reply(
      res,
      400,
      cors,
      'Relay.UnsupportedSignature',
      'ACS3 signatures cover the host and cannot be relayed: sign with signature V1 (the default)',
    );
  }
  let body: Buffer;
  try {
    body = await readBody(req, options.maxBodyBytes);
  } catch (e) {
    if (e instanceof BodyTooLargeError) return reply(res, 413, cors, 'Relay.BodyTooLarge', e.message);
    throw e;
  }
  const query = rawUrl.includes('?') ? rawUrl.slice(rawUrl.indexOf('?') + 1) : '';
  const contentType = req.headers['content-type'];
  const parsed = relayParams(query, body, contentType);
  // Refusals name a parameter at most, never a value (the relay logs nothing either).
  if (parsed.kind === 'unsupported-body') {
    return reply(
      res,
      415,
      cors,
      'Relay.UnsupportedBody',
      'the KMS relay forwards a request body only as application/x-www-form-urlencoded',
    );
  }
  if (parsed.kind === 'repeated') {
    // What the gateway answers for a malformed parameter: the gateway would honour the last of the repeats,
    // while the allow-list below reads one of them.
    return reply(res, 400, cors, 'InvalidParameter', `The specified parameter ${parsed.name} is repeated.`);
  }
  const { params } = parsed;
  if (!options.actions.has(params.get('Action') ?? '')) {
    return reply(res, 403, cors, 'Relay.ActionNotAllowed', 'the KMS relay does not forward this Action');
  }
  if (!params.get('Signature') || !params.get('AccessKeyId'))
    return reply(res, 400, cors, 'Relay.Unsigned', 'the KMS relay forwards signed requests only');

  const url = new URL(options.target.href);
  url.search = query;
  const headers: Record<string, string> = { accept: 'application/json' };
  if (typeof contentType === 'string') headers['content-type'] = contentType;
  let upstream: Response;
  try {
    upstream = await options.fetch(url.href, {
      method,
      headers,
      ...(body.length > 0 ? { body: new Uint8Array(body) } : {}),
      signal: AbortSignal.timeout(options.timeoutMs),
    });
  } catch (e) {
    const timedOut = e instanceof Error && e.name === 'TimeoutError';
    return reply(
      res,
      timedOut ? 504 : 502,
      cors,
      'Relay.UpstreamUnavailable',
      `KMS at ${options.target.origin} ${timedOut ? 'did not answer in time' : 'could not be reached'}`,
    );
  }
  const answer = Buffer.from(await upstream.arrayBuffer());
  const out: Record<string, string> = { ...cors, 'cache-control': 'no-store' };
  for (const name of ['content-type', 'x-acs-request-id']) {
    const value = upstream.headers.get(name);
    if (value !== null) out[name] = value;
  }
  res.writeHead(upstream.status, out).end(answer);
}

/** Handles one request at any path; `options` are already resolved. */
export function relayRequest(options: ResolvedRelayOptions): RelayHandler {
  return async (req, res) => {
    const origin = requestOrigin(req);
    if (origin !== undefined && !options.isAllowedOrigin(origin)) {
      return reply(
        res,
        403,
        { vary: 'Origin' },
        'Relay.OriginNotAllowed',
        `origin ${origin} may not use this KMS relay`,
      );
    }
    if (req.method === 'OPTIONS') return reply(res, 204, preflightHeaders(options, origin));
    try {
      await forward(options, req, res, origin);
    } catch {
      if (!res.headersSent)
        reply(res, 500, corsHeaders(options, origin), 'Relay.InternalError', 'the KMS relay failed');
      else res.destroy();
    }
  };
}

/**
 * A Node `http` request listener that relays browsers' V1-signed KMS requests to KMS. It holds no secret:
 * the page signs with its own (STS) credentials; the relay only adds CORS for `allowedOrigins`.
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * import { createKmsRelayHandler } from '@oss-cse/kms/relay';
 * createServer(createKmsRelayHandler({ region: 'cn-hangzhou', allowedOrigins: ['https://app.example.com'] })).listen(8787);
 * // page: new KmsMasterKey({ endpoint: 'https://relay.example.com/', credentials: stsFromMyBackend, keyId })
 * ```
 */
export function createKmsRelayHandler(options: KmsRelayOptions): RelayHandler {
  return relayRequest(resolveRelayOptions(options));
}
