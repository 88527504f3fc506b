// The orchestrator's STS vending endpoint, as an app's backend has one: `POST /<runtime>/<secret>` answers fresh
// credentials of that runtime's policy. It listens on loopback, each runtime's path carries a random secret, and a
// page of the conformance origins may read the answer (CORS).
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Credentials } from '@oss-cse/core';
import { RUNTIMES, type RuntimeName } from '../../src/env.js';

export interface VendingEndpoint {
  /** The URL a runtime POSTs to for credentials. */
  urlFor(runtime: RuntimeName): string;
  /** `host:port` (what Deno's --allow-net needs). */
  readonly host: string;
  close(): Promise<void>;
}

/** Answers `Access-Control-Allow-Origin` to origins matching these (`*` stands for a port). */
export async function startVending(
  mint: (runtime: RuntimeName) => Promise<Credentials>,
  pageOrigins: readonly string[],
): Promise<VendingEndpoint> {
  const secrets = new Map<string, RuntimeName>(RUNTIMES.map((r) => [`/${r}/${randomUUID()}`, r]));
  const origins = pageOrigins.map((o) => new RegExp(`^${o.replace(/[.]/g, '\\.').replace('*', '\\d+')}$`));
  const server = createServer((req, res) => {
    const origin = req.headers.origin;
    if (origin !== undefined && origins.some((o) => o.test(origin)))
      res.setHeader('access-control-allow-origin', origin);
    res.setHeader('cache-control', 'no-store');
    const runtime = secrets.get(req.url ?? '');
    if (req.method !== 'POST' || runtime === undefined) return void res.writeHead(404).end();
    mint(runtime).then(
      (credentials) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(credentials)),
      () => res.writeHead(500).end(),
    );
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  const paths = new Map([...secrets].map(([path, runtime]) => [runtime, path]));
  return {
    host,
    urlFor: (runtime) => `http://${host}${paths.get(runtime)!}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
