// A BrowserClient against the emulator of the browser project's global setup (`fetchSuiteTarget`, started by the
// transfer package's setup), over the real ali-oss transport, with the request of every GetObject recorded.
import { inject } from 'vitest';
import type { Credentials, MasterKey } from '@oss-cse/core';
import type { GetRequest, ObjectTransport, RequestContext } from '@oss-cse/transfer';
import type { FaultRule, FetchSuiteTarget } from '../../transfer/test/support/index.js';
import { createClient, type BrowserClient, type BrowserClientOptions } from '../src/client/browser-client.js';
import { createAliOssTransport } from '../src/transport/ali-oss-transport.js';

declare module 'vitest' {
  export interface ProvidedContext {
    fetchSuiteTarget: FetchSuiteTarget;
    fetchSuiteFaults: string;
  }
}

export interface EmulatorClient {
  readonly client: BrowserClient;
  /** The transport the client uses (raw writes bypass encryption). */
  readonly transport: ObjectTransport;
  /** The request of each GetObject the client sent, in order. */
  readonly gets: GetRequest[];
  /** A request context with the emulator's credentials, for raw transport calls. */
  readonly request: RequestContext;
}

/** The emulator the browser project's global setup started (CORS for any origin, fault rules under `fetch-suite/`). */
export const emulator = (): FetchSuiteTarget => inject('fetchSuiteTarget');

/** A fresh key prefix under `fetch-suite/` (where fault rules may apply). */
export const testPrefix = (name: string): string => `fetch-suite/browser-${name}-${crypto.randomUUID().slice(0, 8)}/`;

/** Adds a fault rule (scoped to a `fetch-suite/` key prefix) through the global setup's relay. */
export async function injectFault(rule: FaultRule): Promise<void> {
  const res = await fetch(inject('fetchSuiteFaults'), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(rule),
  });
  if (res.status !== 200) throw new Error(`fault rule refused: ${await res.text()}`);
}

export function emulatorClient(keyring: MasterKey, options: Partial<BrowserClientOptions> = {}): EmulatorClient {
  const emu = emulator();
  const transport = createAliOssTransport({ bucket: emu.bucket, endpoint: emu.ossEndpoint, region: emu.region });
  const gets: GetRequest[] = [];
  const get = transport.getObject.bind(transport);
  transport.getObject = (key, request, ctx) => {
    gets.push({ ...request });
    return get(key, request, ctx);
  };
  const credentials: Credentials = emu.sts;
  const client = createClient({
    keyring,
    bucket: emu.bucket,
    transport,
    database: `test-${crypto.randomUUID()}`,
    credentials: async () => credentials,
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
    ...options,
  });
  return { client, transport, gets, request: { credentials } };
}
