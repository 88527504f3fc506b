import type { TemporaryCredential, TokenCheck } from '../shared/contracts.js';
import type { TokenPayload, TokenSealer } from './token-sealer.js';

/** Why a token was refused, in the words of the POP codes (`InvalidSecurityToken.<reason>`). */
export type TokenFailureReason = 'Missing' | 'Malformed' | 'MismatchWithAccessKey' | 'Expired';

/** `TokenCheck` plus the detailed reason (KMS maps it to `InvalidSecurityToken.*` codes). */
export type DetailedTokenCheck =
  Extract<TokenCheck, { ok: true }> | (Extract<TokenCheck, { ok: false }> & { reason: TokenFailureReason });

export interface TokenCheckContext {
  sealer: TokenSealer;
  generation: number;
  now: number;
}

function toCredential(payload: TokenPayload, securityToken: string): TemporaryCredential {
  const credential: TemporaryCredential = {
    accessKeyId: payload.accessKeyId,
    accessKeySecret: payload.accessKeySecret,
    securityToken,
    expiration: payload.expiration,
  };
  if (payload.policy) credential.policy = payload.policy;
  return credential;
}

const INVALID = 'The security token you provided is invalid.';
const EXPIRED = 'The security token you provided has expired.';

export function checkSecurityToken(
  context: TokenCheckContext,
  accessKeyId: string,
  securityToken: string | undefined,
): DetailedTokenCheck {
  if (!securityToken) {
    return {
      ok: false,
      code: 'InvalidAccessKeyId',
      reason: 'Missing',
      message: 'A temporary AccessKeyId needs its security token.',
    };
  }
  const payload = context.sealer.open(securityToken);
  if (!payload) return { ok: false, code: 'InvalidSecurityToken', reason: 'Malformed', message: INVALID };
  if (payload.accessKeyId !== accessKeyId) {
    return { ok: false, code: 'InvalidSecurityToken', reason: 'MismatchWithAccessKey', message: INVALID };
  }
  if (payload.generation < context.generation || payload.expiration <= context.now) {
    return { ok: false, code: 'SecurityTokenExpired', reason: 'Expired', message: EXPIRED };
  }
  return { ok: true, credential: toCredential(payload, securityToken) };
}
