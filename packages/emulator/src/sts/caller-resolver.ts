import type { Caller, CallerResolver } from '../rpc/caller.js';
import { RpcError, accessKeyNotFound, missingParameter } from '../rpc/errors.js';
import type { Account } from '../shared/contracts.js';
import type { DetailedTokenCheck, TokenFailureReason } from './token-check.js';

const TOKEN_ERRORS: Record<Exclude<TokenFailureReason, 'Missing'>, string> = {
  Malformed: 'Specified SecurityToken is malformed.',
  MismatchWithAccessKey: 'Specified SecurityToken mismatch with the AccessKey.',
  Expired: 'Specified SecurityToken is expired.',
};

/** Checks a temporary AccessKeyId and its security token. */
export interface TokenChecker {
  checkToken(accessKeyId: string, securityToken: string | undefined): DetailedTokenCheck;
}

/** The account's long-term key, or STS credentials checked by the STS service, with the POP error codes. */
export function popCallerResolver(account: Account, sts: TokenChecker): CallerResolver {
  return (accessKeyId, securityToken): Caller => {
    if (!securityToken) {
      if (accessKeyId === account.accessKeyId) return { accessKeyId, accessKeySecret: account.accessKeySecret };
      if (accessKeyId.startsWith('STS.')) throw missingParameter('SecurityToken');
      throw accessKeyNotFound();
    }
    const check = sts.checkToken(accessKeyId, securityToken);
    if (check.ok)
      return { accessKeyId, accessKeySecret: check.credential.accessKeySecret, temporary: check.credential };
    if (check.reason === 'Missing') throw missingParameter('SecurityToken');
    throw new RpcError(`InvalidSecurityToken.${check.reason}`, 400, TOKEN_ERRORS[check.reason]);
  };
}
