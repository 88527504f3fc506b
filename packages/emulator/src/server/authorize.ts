import type { Principal } from '../auth/authenticate.js';
import { OssErrors } from '../errors/catalog.js';
import type { StsPolicyStatement } from '../shared/contracts.js';

export type PolicyEvaluator = (policy: readonly StsPolicyStatement[] | undefined, action: string, resource: string) => boolean;

/** `acs:oss:<region>:<uid>:<bucket>[/<key>]`, or `...:*` for service-level actions. */
export function ossResourceArn(region: string, ownerId: string, bucket: string | undefined, key: string | undefined): string {
  const base = `acs:oss:${region}:${ownerId}`;
  if (bucket === undefined) return `${base}:*`;
  return key === undefined ? `${base}:${bucket}` : `${base}:${bucket}/${key}`;
}

/** Buckets are private: anonymous requests are refused; STS tokens are limited by their policy. */
export function authorizePrincipal(
  principal: Principal,
  action: string,
  resource: string,
  policyAllows: PolicyEvaluator,
): void {
  if (principal.kind === 'anonymous') throw OssErrors.accessDenied();
  if (principal.kind === 'temporary' && !policyAllows(principal.policy, action, resource)) throw OssErrors.accessDeniedByPolicy();
}
