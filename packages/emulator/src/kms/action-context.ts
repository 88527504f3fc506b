import type { AuthenticatedCall } from '../rpc/authenticate.js';
import { RpcError } from '../rpc/errors.js';
import type { Clock } from '../shared/contracts.js';
import type { StsService } from '../sts/service.js';
import type { KeyArnContext, KmsKeyRecord } from './key-record.js';
import type { KeyStore } from './key-store.js';

/** What the KMS actions share. */
export interface KmsActionContext extends KeyArnContext {
  keys: KeyStore;
  clock: Clock;
  sts: Pick<StsService, 'policyAllows'>;
}

/** RAM resource of the key collection (CreateKey, ListKeys). */
export function keysResource(context: KeyArnContext): string {
  return `acs:kms:${context.region}:${context.accountUid}:key`;
}

/** Enforces an STS token's policy for `kms:<Action>` on a resource (long-term keys may do everything). */
export function authorize(context: KmsActionContext, call: AuthenticatedCall, resource: string): void {
  const policy = call.caller.temporary?.policy;
  if (!context.sts.policyAllows(policy, `kms:${call.action}`, resource)) {
    throw new RpcError('Forbidden.NoPermission', 403, 'This operation is forbidden by permission system.');
  }
}

export function requireEnabled(key: KmsKeyRecord): void {
  if (key.state !== 'Enabled') throw new RpcError('Rejected.Disabled', 409, `The key ${key.keyId} is disabled.`);
}
