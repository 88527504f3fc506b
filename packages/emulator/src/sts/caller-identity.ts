import type { Caller } from '../rpc/caller.js';
import { roleId, roleNameOf } from './role.js';
import type { TokenSealer } from './token-sealer.js';

/** The GetCallerIdentity response body (without `RequestId`) for the account key or an assumed role. */
export function callerIdentity(caller: Caller, accountUid: string, sealer: TokenSealer): Record<string, string> {
  const session = caller.temporary ? sealer.open(caller.temporary.securityToken) : undefined;
  if (!session) {
    return {
      AccountId: accountUid,
      UserId: accountUid,
      PrincipalId: accountUid,
      Arn: `acs:ram::${accountUid}:root`,
      IdentityType: 'Account',
    };
  }
  const id = roleId(session.roleArn);
  return {
    AccountId: accountUid,
    UserId: `${id}:${session.sessionName}`,
    PrincipalId: `${id}:${session.sessionName}`,
    RoleId: id,
    Arn: `acs:ram::${accountUid}:assumed-role/${roleNameOf(session.roleArn)}/${session.sessionName}`,
    IdentityType: 'AssumedRoleUser',
  };
}
