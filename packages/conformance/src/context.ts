// What a runtime receives: the JSON input the Node-side orchestrator prepared, and an admin channel to the
// emulator's fault-injection routes.
import type { Credentials } from '@oss-cse/core';
import type { RuntimeName } from './env.js';

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
   * STS credentials of this run: objects under `prefix` (read, write, delete), Node's objects (read), listing;
   * and credentials of the same policy whose token the emulator has already expired.
   */
  readonly sts: { readonly prefix: string; readonly credentials: Credentials; readonly expired: Credentials };
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

/** Everything a suite's cases may use. */
export interface ConformanceEnv {
  readonly runtime: RuntimeName;
  readonly input: ConformanceInput;
  readonly admin: AdminChannel;
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
