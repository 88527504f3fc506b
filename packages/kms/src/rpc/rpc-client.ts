// A small Alibaba Cloud RPC (POP) client: signs each attempt, applies a timeout, retries transient failures and
// refreshes STS credentials once when KMS says the token expired.
import { CredentialsCache } from '../credentials/credentials-cache.js';
import type { CredentialsInput } from '../credentials/credentials.js';
import { KmsError } from '../errors.js';
import { sensitiveValues } from './redact.js';
import { readRpcResponse } from './response.js';
import { withRetry } from '@oss-cse/core';
import { isRetryable, TOKEN_EXPIRED_CODES, type RetryOptions } from './retry.js';
import { buildSignedRequest, type SignatureVersion } from './signed-request.js';

/** The `fetch` signature the client needs (the platform's, or a test double). */
export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

/** Options of {@link RpcClient}. */
export interface RpcClientOptions {
  /** Endpoint URL, e.g. `https://kms.cn-hangzhou.aliyuncs.com/`, a VPC endpoint, or a relay URL. */
  readonly endpoint: string | URL;
  /** API version, e.g. `2016-01-20` for KMS. */
  readonly version: string;
  /** Static credentials, a provider, or a shared {@link CredentialsCache}. */
  readonly credentials: CredentialsInput | CredentialsCache;
  /** Product name used in error messages. Default `KMS`. */
  readonly product?: string;
  /** Default `globalThis.fetch`. */
  readonly fetch?: FetchLike;
  /**
   * Default `v1` (works through the relay; ACS3 signs the host, so a relay cannot forward it). Either way the
   * request is a POST with every parameter in an `x-www-form-urlencoded` body, none in the URL.
   */
  readonly signatureVersion?: SignatureVersion;
  /** Per-attempt timeout in ms. Default 10 000. */
  readonly timeoutMs?: number;
  /** Retries of throttled, failed and timed-out calls. */
  readonly retry?: RetryOptions;
  /** Clock (epoch ms) for timestamps; for tests. */
  readonly now?: () => number;
}

/** Options of one call. */
export interface RpcCallOptions {
  /** Cancels the call (and its retries). */
  readonly signal?: AbortSignal | undefined;
}

function parseEndpoint(endpoint: string | URL): URL {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new TypeError(`"endpoint" expected an absolute http(s) URL, got ${JSON.stringify(String(endpoint))}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new TypeError(`"endpoint" expected an http(s) URL, got ${url.protocol}`);
  }
  return url;
}

/**
 * Calls RPC actions with signed requests.
 *
 * @example
 * ```ts
 * import { RpcClient, type KmsCredentials } from '@oss-cse/kms';
 * declare const credentials: KmsCredentials;
 * const endpoint = 'https://kms.cn-hangzhou.aliyuncs.com/';
 * const rpc = new RpcClient({ endpoint, version: '2016-01-20', credentials });
 * const { KeyMetadata } = await rpc.call('DescribeKey', { KeyId: 'alias/app' });
 * ```
 */
export class RpcClient {
  /** The endpoint every call goes to. */
  readonly endpoint: URL;
  readonly #options: RpcClientOptions;
  readonly #credentials: CredentialsCache;
  readonly #product: string;

  constructor(options: RpcClientOptions) {
    this.endpoint = parseEndpoint(options.endpoint);
    if (typeof options.version !== 'string' || options.version === '')
      throw new TypeError('"version" expected a non-empty string');
    if (options.timeoutMs !== undefined && !(options.timeoutMs > 0))
      throw new RangeError('"timeoutMs" expected a positive number');
    if (
      options.retry?.retries !== undefined &&
      !(Number.isInteger(options.retry.retries) && options.retry.retries >= 0)
    ) {
      throw new RangeError('"retry.retries" expected a non-negative integer');
    }
    this.#options = options;
    this.#credentials =
      options.credentials instanceof CredentialsCache ? options.credentials : new CredentialsCache(options.credentials);
    this.#product = options.product ?? 'KMS';
  }

  /**
   * Sends `action` with `params` and returns the response's JSON object.
   * @throws KmsError (reason `rejected`, `network`, `timeout`, `bad-response` or `credentials`); the signal's
   *   reason when aborted.
   */
  async call(
    action: string,
    params: Readonly<Record<string, string>>,
    options: RpcCallOptions = {},
  ): Promise<Record<string, unknown>> {
    const retry = this.#options.retry ?? {};
    const signal = options.signal;
    try {
      return await withRetry(() => this.#attemptWithFreshToken(action, params, signal), {
        retries: retry.retries ?? 3,
        baseDelayMs: retry.baseDelayMs ?? 200,
        maxDelayMs: retry.maxDelayMs ?? 3000,
        isRetryable,
        signal,
      });
    } catch (e) {
      // Aborts surface as the signal's own reason, as fetch does.
      if (signal?.aborted) throw signal.reason;
      throw e;
    }
  }

  /** One attempt; when KMS says the STS token expired, the credentials are refreshed once and it is resent. */
  async #attemptWithFreshToken(
    action: string,
    params: Readonly<Record<string, string>>,
    signal: AbortSignal | undefined,
  ): Promise<Record<string, unknown>> {
    const credentials = await this.#credentials.get();
    try {
      return await this.#attempt(action, params, credentials, signal);
    } catch (e) {
      const stale = e instanceof KmsError && e.kmsCode !== undefined && TOKEN_EXPIRED_CODES.has(e.kmsCode);
      if (signal?.aborted || !stale || !this.#credentials.refreshable) throw e;
      this.#credentials.invalidate(credentials);
      return this.#attempt(action, params, await this.#credentials.get(), signal);
    }
  }

  async #attempt(
    action: string,
    params: Readonly<Record<string, string>>,
    credentials: Awaited<ReturnType<CredentialsCache['get']>>,
    signal: AbortSignal | undefined,
  ): Promise<Record<string, unknown>> {
    const request = await buildSignedRequest({
      endpoint: this.endpoint,
      version: this.#options.version,
      action,
      params,
      credentials,
      signatureVersion: this.#options.signatureVersion ?? 'v1',
      method: 'POST',
      now: new Date((this.#options.now ?? Date.now)()),
    });
    const controller = new AbortController();
    let timedOut = false;
    const timeoutMs = this.#options.timeoutMs ?? 10_000;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    const onAbort = () => controller.abort(signal!.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      signal?.throwIfAborted(); // aborted while signing
      const init: RequestInit = {
        method: request.method,
        headers: request.headers,
        body: request.body,
        signal: controller.signal,
      };
      const fetchImpl = this.#options.fetch;
      const response = fetchImpl ? await fetchImpl(request.url, init) : await globalThis.fetch(request.url, init);
      return await readRpcResponse(response, {
        action,
        product: this.#product,
        hidden: sensitiveValues(params, credentials),
      });
    } catch (e) {
      if (signal?.aborted) throw signal.reason;
      if (e instanceof KmsError) throw e;
      if (timedOut) {
        throw new KmsError(
          `${this.#product} ${action}: no answer from ${this.endpoint.origin} within ${timeoutMs} ms`,
          { reason: 'timeout', action, cause: e },
        );
      }
      throw new KmsError(`${this.#product} ${action}: request to ${this.endpoint.origin} failed (${describe(e)})`, {
        reason: 'network',
        action,
        cause: e,
      });
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }
}

function describe(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
