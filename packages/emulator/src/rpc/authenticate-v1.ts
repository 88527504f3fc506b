import type { RpcRequest } from '../shared/contracts.js';
import type { Caller, CallerResolver } from './caller.js';
import { safeEqual } from './crypto-util.js';
import { incompleteSignature, missingParameter, signatureDoesNotMatch } from './errors.js';
import { requestParamPairs } from './params.js';
import { parseRpcTimestamp } from './timestamp.js';
import { RpcError } from './errors.js';
import { signV1 } from './v1-signature.js';

export interface VerifiedSignature {
  caller: Caller;
  /** Signed request time (epoch ms). */
  signedAt: number;
  /** `SignatureNonce` / `x-acs-signature-nonce`: required (the gateway refuses requests without one). */
  nonce: string;
  action: string | undefined;
  version: string | undefined;
  params: Map<string, string>;
}

function required(params: Map<string, string>, name: string): string {
  const value = params.get(name);
  if (value === undefined || value === '') throw incompleteSignature(`${name} is missing.`);
  return value;
}

/**
 * Signature V1.0 (HMAC-SHA1) over every received parameter except `Signature`, with the real method.
 * `SignatureNonce` is required (old documentation calls it optional; the gateway requires it: docs/kms.md §7).
 */
export function verifyV1(req: RpcRequest, resolveCaller: CallerResolver): VerifiedSignature {
  const pairs = requestParamPairs(req);
  const params = new Map(pairs);
  const accessKeyId = required(params, 'AccessKeyId');
  const signature = required(params, 'Signature');
  if (required(params, 'SignatureMethod') !== 'HMAC-SHA1')
    throw incompleteSignature('SignatureMethod must be HMAC-SHA1.');
  if (required(params, 'SignatureVersion') !== '1.0') throw incompleteSignature('SignatureVersion must be 1.0.');
  const nonce = params.get('SignatureNonce');
  if (!nonce) throw missingParameter('SignatureNonce');
  const timestamp = params.get('Timestamp');
  if (timestamp === undefined) throw new RpcError('IllegalTimestamp', 400, missingParameter('Timestamp').message);
  const signedAt = parseRpcTimestamp(timestamp);
  if (signedAt === undefined) {
    throw new RpcError('InvalidTimeStamp.Format', 400, 'Specified time stamp or date value is not well formatted.');
  }
  const caller = resolveCaller(accessKeyId, params.get('SecurityToken'));
  const expected = signV1({ method: req.method, params: pairs, accessKeySecret: caller.accessKeySecret });
  if (!safeEqual(expected.signature, signature)) throw signatureDoesNotMatch(expected.stringToSign);
  return {
    caller,
    signedAt,
    nonce,
    action: params.get('Action'),
    version: params.get('Version'),
    params,
  };
}
