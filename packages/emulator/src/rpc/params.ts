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

/** The first parameter name that occurs twice among the query and form-body parameters, if any. */
export function repeatedParamName(req: RpcRequest): string | undefined {
  const seen = new Set<string>();
  for (const [name] of requestParamPairs(req)) {
    if (seen.has(name)) return name;
    seen.add(name);
  }
  return undefined;
}

/** The same pairs as a map (names are unique once `repeatedParamName` found none). */
export function requestParams(req: RpcRequest): Map<string, string> {
  return new Map(requestParamPairs(req));
}
