import type { RpcRequest, RpcResponse } from '../shared/contracts.js';

const ALLOWED_HEADERS =
  'authorization,content-type,x-acs-action,x-acs-version,x-acs-date,x-acs-signature-nonce,x-acs-content-sha256,x-acs-security-token,x-acs-accesskey-id';

function originHeaders(req: RpcRequest): Record<string, string> {
  return { 'access-control-allow-origin': req.headers['origin'] ?? '*', vary: 'Origin' };
}

/** Test-only CORS (real KMS sends none): answers preflights and lets pages read responses. */
export function withCors(handle: (req: RpcRequest) => Promise<RpcResponse>): (req: RpcRequest) => Promise<RpcResponse> {
  return async (req) => {
    if (req.method === 'OPTIONS') {
      return {
        status: 200,
        headers: {
          ...originHeaders(req),
          'access-control-allow-methods': 'GET, POST',
          'access-control-allow-headers': req.headers['access-control-request-headers'] ?? ALLOWED_HEADERS,
          'access-control-max-age': '600',
        },
        body: '',
      };
    }
    const response = await handle(req);
    return {
      ...response,
      headers: { ...response.headers, ...originHeaders(req), 'access-control-expose-headers': 'x-acs-request-id' },
    };
  };
}
