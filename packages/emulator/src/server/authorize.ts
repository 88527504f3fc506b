import type { Principal } from '../auth/authenticate.js';
import { OssErrors } from '../errors/catalog.js';
import type { ConditionContext, StsPolicyStatement } from '../shared/contracts.js';
import type { QueryParams } from './query.js';

export type PolicyEvaluator = (
  policy: readonly StsPolicyStatement[] | undefined,
  action: string,
  resource: string,
  context?: ConditionContext,
) => boolean;

/** `acs:oss:<region>:<uid>:<bucket>[/<key>]`, or `...:*` for service-level actions. */
export function ossResourceArn(
  region: string,
  ownerId: string,
  bucket: string | undefined,
  key: string | undefined,
): string {
  const base = `acs:oss:${region}:${ownerId}`;
  if (bucket === undefined) return `${base}:*`;
  return key === undefined ? `${base}:${bucket}` : `${base}:${bucket}/${key}`;
}

/**
 * The RAM condition keys OSS sets for a request, as policy Conditions see them: ListObjects (V1 and V2) gives
 * `oss:Prefix` (the `prefix` parameter, empty when absent) and `oss:Delimiter` / `oss:MaxKeys` when sent.
 */
export function ossConditionContext(action: string, query: QueryParams): ConditionContext {
  if (action.toLowerCase() !== 'oss:listobjects') return {};
  const delimiter = query.get('delimiter');
  const maxKeys = query.get('max-keys');
  return {
    'oss:Prefix': query.get('prefix') ?? '',
    ...(delimiter !== undefined ? { 'oss:Delimiter': delimiter } : {}),
    ...(maxKeys !== undefined ? { 'oss:MaxKeys': maxKeys } : {}),
  };
}

/** Buckets are private: anonymous requests are refused; STS tokens are limited by their policy. */
export function authorizePrincipal(
  principal: Principal,
  action: string,
  resource: string,
  policyAllows: PolicyEvaluator,
  context: ConditionContext = {},
): void {
  if (principal.kind === 'anonymous') throw OssErrors.accessDenied();
  if (principal.kind === 'temporary' && !policyAllows(principal.policy, action, resource, context))
    throw OssErrors.accessDeniedByPolicy();
}
