import type { RpcRequest, RpcResponse } from '../shared/contracts.js';
import type { AuthenticatedCall, RpcAuthenticator } from './authenticate.js';
import { RpcError } from './errors.js';
import { errorResponse, jsonResponse, newRequestId, type ServiceIdentity } from './response.js';

/** One action: returns the response fields besides `RequestId`, or throws an `RpcError`. */
export type RpcAction = (call: AuthenticatedCall) => Promise<object>;

export interface RpcServiceDefinition {
  identity: ServiceIdentity;
  /** API version the service answers, e.g. `2016-01-20`. */
  version: string;
  authenticate: RpcAuthenticator;
  actions: Readonly<Record<string, RpcAction>>;
}

function toRpcError(error: unknown): RpcError {
  if (error instanceof RpcError) return error;
  return new RpcError('InternalFailure', 500, 'The request processing has failed due to some unknown error.');
}

/** GET/POST dispatch with authentication, version check and POP-style JSON errors. */
export function createRpcHandler(definition: RpcServiceDefinition): (req: RpcRequest) => Promise<RpcResponse> {
  return async (req) => {
    const requestId = newRequestId();
    try {
      if (req.method !== 'GET' && req.method !== 'POST') {
        throw new RpcError('UnsupportedHTTPMethod', 403, `The HTTP method ${req.method} is not supported.`);
      }
      const call = definition.authenticate(req);
      if (call.version !== definition.version) {
        throw new RpcError('InvalidVersion', 400, 'Specified parameter Version is not valid.');
      }
      const action = Object.hasOwn(definition.actions, call.action) ? definition.actions[call.action] : undefined;
      if (!action) {
        throw new RpcError(
          'InvalidAction.NotFound',
          404,
          'Specified api is not found, please check your url and method.',
        );
      }
      const result = await action(call);
      return jsonResponse(200, { RequestId: requestId, ...result }, requestId);
    } catch (error) {
      return errorResponse(toRpcError(error), definition.identity, requestId);
    }
  };
}
