import type { Clock, RpcRequest } from '../shared/contracts.js';
import { verifyV1, type VerifiedSignature } from './authenticate-v1.js';
import { isAcs3Request, verifyV3 } from './authenticate-v3.js';
import type { CallerResolver } from './caller.js';
import { RpcError, missingParameter, repeatedParameter } from './errors.js';
import { NonceCache } from './nonce-cache.js';
import { repeatedParamName } from './params.js';

/** A request whose signature, time and nonce were checked. */
export interface AuthenticatedCall extends VerifiedSignature {
  scheme: 'v1' | 'acs3';
  action: string;
  version: string;
}

export interface RpcAuthenticatorOptions {
  clock: Clock;
  resolveCaller: CallerResolver;
  /** Allowed distance between the signed time and the server clock. Default 15 minutes. */
  maxSkewMs?: number;
}

export type RpcAuthenticator = (req: RpcRequest) => AuthenticatedCall;

const FIFTEEN_MINUTES = 15 * 60 * 1000;

/**
 * Verifies V1 (HMAC-SHA1) or ACS3-HMAC-SHA256 requests, the time window and nonce reuse. A repeated parameter
 * name is refused first (a client and a relay could read different values of it); the nonce is required and
 * remembered for twice the allowed skew, as long as a request carrying it can be in its time window.
 */
export function createRpcAuthenticator(options: RpcAuthenticatorOptions): RpcAuthenticator {
  const maxSkewMs = options.maxSkewMs ?? FIFTEEN_MINUTES;
  const nonces = new NonceCache(2 * maxSkewMs);
  return (req) => {
    const repeated = repeatedParamName(req);
    if (repeated !== undefined) throw repeatedParameter(repeated);
    const acs3 = isAcs3Request(req);
    const verified = acs3 ? verifyV3(req, options.resolveCaller) : verifyV1(req, options.resolveCaller);
    const now = options.clock.now();
    if (Math.abs(now - verified.signedAt) > maxSkewMs) {
      throw new RpcError('InvalidTimeStamp.Expired', 400, 'Specified time stamp or date value is expired.');
    }
    if (!nonces.remember(`${verified.caller.accessKeyId}\n${verified.nonce}`, now)) {
      throw new RpcError('SignatureNonceUsed', 400, 'Specified signature nonce was used already.');
    }
    if (!verified.action) throw missingParameter('Action');
    if (!verified.version) throw missingParameter('Version');
    return { ...verified, scheme: acs3 ? 'acs3' : 'v1', action: verified.action, version: verified.version };
  };
}
