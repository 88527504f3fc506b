// What a runtime receives: the JSON input the Node-side orchestrator prepared, and an admin channel to the
// emulator's fault-injection routes.
import { checkCredentials, type Credentials } from '@oss-cse/core';
import type { ClientOptions, TransferClient } from '@oss-cse/transfer';
import type { AdapterName, RuntimeName } from './env.js';

/** A request Node signed (OSS signature V1): send exactly these headers to this URL. */
export interface SignedRequest {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
}

/** JSON-serialisable input of one runtime's run. */
export interface ConformanceInput {
  /** The runtime the run was started for. */
  readonly runtime: RuntimeName;
  readonly emulator: {
    /** `http://127.0.0.1:PORT/` */
    readonly endpoint: string;
    readonly region: string;
    readonly bucket: string;
  };
  /**
   * STS credentials of this run: objects and multipart uploads under `prefix` (read, write, delete, abort, list
   * parts), Node's objects (read), listing objects and multipart uploads; credentials of the same policy whose
   * token the emulator has already expired; and `vendUrl`, where the orchestrator vends fresh credentials of that
   * policy to a POST (as an app's STS endpoint does).
   */
  readonly sts: {
    readonly prefix: string;
    readonly credentials: Credentials;
    readonly expired: Credentials;
    readonly vendUrl: string;
  };
  /** The objects Node wrote before the run, by the `id` of their NODE_OBJECTS entry: key and signed GET. */
  readonly nodeObjects: Readonly<Record<string, { readonly key: string; readonly get: SignedRequest }>>;
  /** An object of this runtime's own for fault injection (faults match it by key), and its signed GET. */
  readonly faultObject: { readonly key: string; readonly get: SignedRequest };
}

export interface AdminRequest {
  readonly method: 'GET' | 'POST' | 'DELETE';
  /** Below `/__emulator`, e.g. `/faults`. */
  readonly path: string;
  readonly body?: unknown;
}

/**
 * Calls the emulator's admin API and returns its JSON answer. The emulator refuses admin requests that carry
 * an `Origin` header, so a browser page goes through the Node side (Playwright binding); other runtimes fetch.
 */
export type AdminChannel = (request: AdminRequest) => Promise<unknown>;

/** Fetches fresh STS credentials (the run's policy) from the orchestrator's vending endpoint. */
export type CredentialsChannel = () => Promise<Credentials>;

/** Creates an engine client of one adapter; the run adds the emulator's bucket, region and endpoint. */
export type ClientFactory = (options: ClientOptions) => TransferClient;
export type ClientFactories = Readonly<Partial<Record<AdapterName, ClientFactory>>>;

/** What a runner gives the run: its way to the emulator's admin routes and to the vending endpoint, its clients. */
export interface RunnerServices {
  readonly admin: AdminChannel;
  readonly vend: CredentialsChannel;
  /** A factory for each adapter `src/env.ts` lists for this runtime. */
  readonly clients: ClientFactories;
}

/** Everything a suite's cases may use. */
export interface ConformanceEnv {
  readonly runtime: RuntimeName;
  readonly input: ConformanceInput;
  readonly admin: AdminChannel;
  readonly vend: CredentialsChannel;
}

/** Client options a transfer suite chooses; the connection (bucket, region, endpoint) is the run's. */
export type SuiteClientOptions = Omit<ClientOptions, 'bucket' | 'region' | 'endpoint' | 'pathStyle' | 'transport'>;

/** What the transfer suites' cases may use: one adapter's clients, and a key prefix of that adapter's own. */
export interface TransferEnv extends ConformanceEnv {
  readonly adapter: AdapterName;
  /** `conformance/<runtime>/<adapter>/`, inside what the run's STS credentials may write. */
  readonly prefix: string;
  /** A client of this adapter on the emulator's bucket. */
  createClient(options: SuiteClientOptions): TransferClient;
}

/** The admin channel for runtimes that may call the emulator directly. */
export function adminOverFetch(endpoint: string): AdminChannel {
  return async ({ method, path, body }) => {
    const res = await fetch(new URL(`__emulator${path}`, endpoint), {
      method,
      headers: { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`emulator admin ${method} ${path} answered ${res.status}: ${text.slice(0, 200)}`);
    return JSON.parse(text) as unknown;
  };
}

/**
 * The vending channel for runtimes that fetch it (POST, as an app asks its backend); `fetcher` is how the runtime
 * reaches the orchestrator (workerd: a service binding).
 */
export function vendOverFetch(
  url: string,
  fetcher: (url: string, init: RequestInit) => Promise<Response> = (u, i) => fetch(u, i),
): CredentialsChannel {
  return async () => {
    const res = await fetcher(url, { method: 'POST' });
    // The body holds a secret and a token: only the status is worth reporting.
    if (!res.ok) throw new Error(`the vending endpoint answered ${res.status}`);
    return checkCredentials(await res.json(), 'vended credentials');
  };
}
