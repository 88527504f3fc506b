// What every operation of a client shares: transport, credentials (with refresh-and-retry on a stale token),
// the keyring, the encryption Worker and the resume store.
import type { Keyring } from '@oss-cse/core';
import type { CredentialsProvider } from '../credentials/credentials.js';
import { OssCseError, isOssCseError } from '../errors.js';
import type { ObjectTransport, RequestContext } from '../transport/transport.js';
import type { CryptoWorker } from '../worker/crypto-worker.js';
import type { UploadStore } from '../resume/upload-store.js';
import { withRetry, type RetryListener, type RetryOptions } from './retry.js';

export interface ClientContext {
  readonly transport: ObjectTransport;
  readonly bucket: string;
  readonly credentials: CredentialsProvider;
  readonly keyring: Keyring;
  readonly worker: CryptoWorker;
  readonly store: UploadStore;
  readonly retry: RetryOptions;
}

export interface SendOptions {
  readonly signal?: AbortSignal | undefined;
  readonly onUploadProgress?: ((loaded: number) => void) | undefined;
  readonly onRetry?: RetryListener | undefined;
  /** Override the client's retry options (`{ retries: 0 }` for none). */
  readonly retry?: RetryOptions | undefined;
}

/**
 * Runs one OSS request with credentials: a stale token (SecurityTokenExpired, InvalidSecurityToken, ...) is
 * invalidated, refreshed once (single flight) and the request resent; transient failures are retried with backoff.
 */
export function send<T>(ctx: ClientContext, op: (req: RequestContext) => Promise<T>, options: SendOptions = {}): Promise<T> {
  return withRetry(async () => {
    const creds = await ctx.credentials.get();
    const req = (c: typeof creds): RequestContext => ({ credentials: c, signal: options.signal, onUploadProgress: options.onUploadProgress });
    try {
      return await op(req(creds));
    } catch (e) {
      if (!isOssCseError(e, 'ERR_TOKEN_EXPIRED')) throw e;
      ctx.credentials.invalidate(creds);
      const fresh = await ctx.credentials.get();
      try {
        return await op(req(fresh));
      } catch (again) {
        if (!isOssCseError(again, 'ERR_TOKEN_EXPIRED')) throw again;
        throw new OssCseError('ERR_TOKEN_EXPIRED', 'the temporary credentials expired, and the fresh ones from the credentials source were rejected too', { cause: again, details: again.details ?? {} });
      }
    }
  }, { ...ctx.retry, ...options.retry, signal: options.signal, onRetry: options.onRetry });
}
