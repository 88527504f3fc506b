// Every OSS request of the engine goes through send(): credentials from the one provider, one refresh and resend
// when the server says the temporary token is stale, and the one retry policy (backoff with full jitter) for
// transient failures. The operation closes over bytes that already exist, so every attempt sends the same bytes.
import {
  OssCseError,
  withRetry,
  type Credentials,
  type CredentialsProvider,
  type RetryListener,
  type RetryOptions,
} from '@oss-cse/core';
import { isRetryable } from '../errors/oss-errors.js';
import type { RequestContext } from '../transport/object-transport.js';

/** What send() needs of a client. */
export interface SendContext {
  /** Signs each attempt; invalidated when OSS rejects a stale token. */
  readonly credentials: CredentialsProvider;
  /** How often and how long to retry. */
  readonly retry: RetryOptions;
}

/** A retry about to happen (UploadPart and ranged GET retries name their part). */
export interface RetryEvent {
  /** The retry about to be made (1 for the first). */
  readonly attempt: number;
  /** The backoff before it, in ms. */
  readonly delayMs: number;
  /** Why the previous attempt failed. */
  readonly error: unknown;
  /** The part, for UploadPart and ranged GET retries. */
  readonly partNumber?: number | undefined;
}

/** Options of {@link send}. */
export interface SendOptions {
  /** Cancels the request and its retries. */
  readonly signal?: AbortSignal | undefined;
  /** Bytes of the request body sent so far. */
  readonly onUploadProgress?: ((loaded: number) => void) | undefined;
  /** Called before each retry. */
  readonly onRetry?: ((event: RetryEvent) => void) | undefined;
  /** Names the part in retry events. */
  readonly partNumber?: number | undefined;
  /** Overrides the client's retry options (`{ retries: 0 }` for none). */
  readonly retry?: RetryOptions | undefined;
}

/**
 * Runs one OSS request with credentials and retries.
 *
 * @example
 * ```ts
 * import { send, type ObjectTransport, type SendContext } from '@oss-cse/transfer';
 * declare const ctx: SendContext, transport: ObjectTransport, signal: AbortSignal;
 * const headers = await send(ctx, (req) => transport.headObject('a.jpg', req), { signal });
 * ```
 */
export function send<T>(
  ctx: SendContext,
  op: (req: RequestContext) => Promise<T>,
  options: SendOptions = {},
): Promise<T> {
  const { signal, onUploadProgress, partNumber } = options;
  const onRetry: RetryListener | undefined = options.onRetry && ((info) => options.onRetry?.({ ...info, partNumber }));
  const attempt = async (): Promise<T> => {
    const creds = await ctx.credentials.getCredentials();
    try {
      return await op(request(creds));
    } catch (e) {
      if (!isStale(e) || !ctx.credentials.invalidate) throw e;
      ctx.credentials.invalidate(creds);
      const fresh = await ctx.credentials.getCredentials();
      if (fresh === creds) throw e;
      try {
        return await op(request(fresh));
      } catch (again) {
        if (!isStale(again)) throw again;
        throw new OssCseError(
          'ERR_TOKEN_EXPIRED',
          'the temporary credentials expired, and the fresh ones from the credentials source were rejected too',
          {
            cause: again,
            details: (again as OssCseError).details ?? {},
          },
        );
      }
    }
  };
  const request = (credentials: Credentials): RequestContext => ({ credentials, signal, onUploadProgress });
  return withRetry(attempt, { ...ctx.retry, ...options.retry, signal, onRetry, isRetryable });
}

function isStale(e: unknown): boolean {
  return e instanceof OssCseError && e.code === 'ERR_TOKEN_EXPIRED';
}
