export type { AssumeRoleInput } from './assume-role-params.js';
export { popCallerResolver, type TokenChecker } from './caller-resolver.js';
export { MAX_POLICY_LENGTH, parsePolicyDocument, policyAllows } from './policy.js';
export {
  STS_API_VERSION,
  createStsService,
  type AssumeRoleOptions,
  type AssumeRoleResult,
  type StsService,
  type StsServiceOptions,
} from './service.js';
export { STS_STATE_FILE, type StsState } from './state.js';
export type { DetailedTokenCheck, TokenFailureReason } from './token-check.js';
export { wildcardMatch } from './wildcard.js';
