// Vitest browser commands of the reliability suite (registered in vitest.config.ts). They run in the vitest main
// process, so the Chromium tests drive the emulator from Node: fault injection and counters over the admin route
// (a JSON request without an Origin, as the route requires), the independent node:crypto read of stored objects,
// and the results file stamped with the run id.
import type { BrowserCommand, BrowserCommandContext } from 'vitest/node';
import { writeBrowserResults, type BrowserResults } from '../src/support/summary.js';
import { readIndependently, type IndependentRead } from './independent-read.js';
import type { ReliabilityEmulator } from './browser-global-setup.js';

export interface AdminRequest {
  readonly method: 'GET' | 'POST' | 'DELETE';
  /** Below `/__emulator`: `/faults`, `/faults/ID`, `/sts/expire` or `/clock`. */
  readonly path: string;
  readonly body?: unknown;
}

const ADMIN_PATHS = /^\/(faults(\/\d+)?|sts\/expire|clock)$/;

const fixture = (ctx: BrowserCommandContext): ReliabilityEmulator =>
  ctx.project.getProvidedContext().reliabilityEmulator;

const reliabilityAdmin: BrowserCommand<[AdminRequest]> = async (ctx, request) => {
  if (!ADMIN_PATHS.test(request.path)) throw new Error(`reliabilityAdmin: no admin route ${request.path}`);
  const res = await fetch(`${fixture(ctx).ossEndpoint}/__emulator${request.path}`, {
    method: request.method,
    headers: { 'content-type': 'application/json' },
    ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
  });
  return { status: res.status, body: (await res.json()) as unknown };
};

const reliabilityReadStored: BrowserCommand<[string]> = async (ctx, key): Promise<IndependentRead> => {
  const emu = fixture(ctx);
  return readIndependently(emu, key, emu.privateKeyPem);
};

const reliabilityWriteResults: BrowserCommand<[BrowserResults]> = async (_ctx, results) => {
  await writeBrowserResults(results);
};

export const reliabilityCommands = { reliabilityAdmin, reliabilityReadStored, reliabilityWriteResults };

declare module 'vitest/browser' {
  interface BrowserCommands {
    reliabilityAdmin: (request: AdminRequest) => Promise<{ status: number; body: unknown }>;
    reliabilityReadStored: (key: string) => Promise<IndependentRead>;
    reliabilityWriteResults: (results: BrowserResults) => Promise<void>;
  }
}
