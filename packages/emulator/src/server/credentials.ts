import type { CredentialResolver } from '../auth/authenticate.js';
import { OssErrors } from '../errors/catalog.js';
import type { Account, TokenCheck } from '../shared/contracts.js';

export interface TokenChecker {
  checkToken(accessKeyId: string, securityToken: string | undefined): TokenCheck;
}

/** The long-term account key, or an STS temporary key with its token (checked by the STS service). */
export function createCredentialResolver(account: Account, sts: TokenChecker | undefined): CredentialResolver {
  return (accessKeyId, securityToken) => {
    if (accessKeyId === account.accessKeyId) return { accessKeySecret: account.accessKeySecret, temporary: false };
    if (securityToken === undefined || !sts) throw OssErrors.invalidAccessKeyId(accessKeyId);
    const check = sts.checkToken(accessKeyId, securityToken);
    if (check.ok) {
      return {
        accessKeySecret: check.credential.accessKeySecret,
        temporary: true,
        ...(check.credential.policy ? { policy: check.credential.policy } : {}),
      };
    }
    switch (check.code) {
      case 'SecurityTokenExpired':
        throw OssErrors.securityTokenExpired();
      case 'InvalidSecurityToken':
        throw OssErrors.invalidSecurityToken();
      default:
        throw OssErrors.invalidAccessKeyId(accessKeyId);
    }
  };
}
