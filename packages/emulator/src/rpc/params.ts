import type { RpcRequest } from '../shared/contracts.js';

function isFormBody(req: RpcRequest): boolean {
  const type = req.headers['content-type'] ?? '';
  return req.body.length > 0 && type.toLowerCase().startsWith('application/x-www-form-urlencoded');
}

/** The form-body parameters of a request (none unless the body is `x-www-form-urlencoded`). */
export function formParams(req: RpcRequest): Array<[string, string]> {
  return isFormBody(req) ? [...new URLSearchParams(req.body.toString('utf8'))] : [];
}

/** Query parameters followed by form-body parameters, empty values kept, as received. */
export function requestParamPairs(req: RpcRequest): Array<[string, string]> {
  return [...req.query, ...formParams(req)];
}

/** The same pairs as a map (a body parameter overrides a query parameter of the same name). */
export function requestParams(req: RpcRequest): Map<string, string> {
  return new Map(requestParamPairs(req));
}
