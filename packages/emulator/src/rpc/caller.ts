import type { TemporaryCredential } from '../shared/contracts.js';

/** Who signed a request, and with which secret. */
export interface Caller {
  accessKeyId: string;
  accessKeySecret: string;
  /** Present when the caller used STS credentials. */
  temporary?: TemporaryCredential;
}

/**
 * Finds the secret for an AccessKeyId (and its STS token, when one came with the request).
 * Throws an `RpcError` (unknown key, bad or expired token).
 */
export type CallerResolver = (accessKeyId: string, securityToken: string | undefined) => Caller;
