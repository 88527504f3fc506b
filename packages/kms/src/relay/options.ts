// What a KMS relay forwards, for whom, and within which limits.
import { resolveKmsEndpoint } from '../client/endpoint.js';

/** The KMS actions a browser needs for both layouts. */
export const DEFAULT_RELAY_ACTIONS: readonly string[] = ['GenerateDataKey', 'Encrypt', 'Decrypt'];

/** Options of the KMS relay. */
export interface KmsRelayOptions {
  /** The KMS endpoint to forward to (`https://kms.<region>.aliyuncs.com/`, a VPC endpoint, an emulator). */
  readonly target?: string | URL;
  /** Region of the public KMS endpoint, when `target` is not given. */
  readonly region?: string;
  /**
   * Page origins allowed to call the relay (`https://app.example.com`), `'*'` for any, or a predicate.
   * Requests from other origins are refused before anything is forwarded.
   */
  readonly allowedOrigins: readonly string[] | '*' | ((origin: string) => boolean);
  /** Actions forwarded. Default `GenerateDataKey`, `Encrypt`, `Decrypt`. */
  readonly allowedActions?: readonly string[];
  /** Largest request body. Default 64 KiB (KMS requests are a few KB). */
  readonly maxBodyBytes?: number;
  /** Longest request URL. Default 16 KiB. */
  readonly maxUrlLength?: number;
  /** Upstream timeout in ms. Default 15 000. */
  readonly timeoutMs?: number;
  /** Middleware mount path. Default `/kms-relay`. */
  readonly path?: string;
  /** Default `globalThis.fetch`. */
  readonly fetch?: (input: string, init: RequestInit) => Promise<Response>;
}

export interface ResolvedRelayOptions {
  readonly target: URL;
  readonly isAllowedOrigin: (origin: string) => boolean;
  readonly anyOrigin: boolean;
  readonly actions: ReadonlySet<string>;
  readonly maxBodyBytes: number;
  readonly maxUrlLength: number;
  readonly timeoutMs: number;
  readonly path: string;
  readonly fetch: (input: string, init: RequestInit) => Promise<Response>;
}

function positive(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value <= 0)
    throw new RangeError(`"${name}" expected a positive integer, got ${value}`);
  return value;
}

/** Validates relay options once, at start-up. */
export function resolveRelayOptions(options: KmsRelayOptions): ResolvedRelayOptions {
  const target = new URL(resolveKmsEndpoint({ endpoint: options.target, region: options.region }));
  const origins = options.allowedOrigins;
  let isAllowedOrigin: (origin: string) => boolean;
  if (origins === '*') isAllowedOrigin = () => true;
  else if (typeof origins === 'function') isAllowedOrigin = origins;
  else if (Array.isArray(origins)) {
    const set = new Set(origins.map((o) => new URL(o).origin));
    isAllowedOrigin = (origin) => set.has(origin);
  } else throw new TypeError('"allowedOrigins" expected an array of origins, "*" or a function');
  const path = options.path ?? '/kms-relay';
  if (!path.startsWith('/')) throw new TypeError('"path" must start with "/"');
  return {
    target,
    isAllowedOrigin,
    anyOrigin: origins === '*',
    actions: new Set(options.allowedActions ?? DEFAULT_RELAY_ACTIONS),
    maxBodyBytes: positive(options.maxBodyBytes, 64 * 1024, 'maxBodyBytes'),
    maxUrlLength: positive(options.maxUrlLength, 16 * 1024, 'maxUrlLength'),
    timeoutMs: positive(options.timeoutMs, 15_000, 'timeoutMs'),
    path: path.replace(/\/+$/, '') || '/',
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
  };
}
