export { accountUid } from './account-uid.js';
export {
  createRpcAuthenticator,
  type AuthenticatedCall,
  type RpcAuthenticator,
  type RpcAuthenticatorOptions,
} from './authenticate.js';
export type { Caller, CallerResolver } from './caller.js';
export {
  RpcError,
  accessKeyNotFound,
  incompleteSignature,
  invalidParameter,
  missingParameter,
  repeatedParameter,
  signatureDoesNotMatch,
} from './errors.js';
export { formParams, repeatedParamName, requestParamPairs, requestParams } from './params.js';
export { percentEncode } from './percent-encode.js';
export { errorResponse, jsonResponse, newRequestId, type ServiceIdentity } from './response.js';
export {
  buildAcs3Request,
  buildV1Request,
  type Acs3CallOptions,
  type RpcCallOptions,
  type V1CallOptions,
} from './signer.js';
export { formatRpcTimestamp, parseRpcTimestamp } from './timestamp.js';
export {
  canonicalizeV1Params,
  signV1,
  type RpcParams,
  type V1Signature,
  type V1SignatureInput,
} from './v1-signature.js';
export {
  ACS3_ALGORITHM,
  canonicalizeV3Query,
  collectV3Headers,
  signV3,
  type V3Signature,
  type V3SignatureInput,
} from './v3-signature.js';
export { createRpcHandler, type RpcAction, type RpcServiceDefinition } from './service-handler.js';
