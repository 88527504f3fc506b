// Which runtime this is, and what each runtime can and cannot provide. A case that needs a feature the runtime
// lacks still runs: it must then work anyway or reject with a typed OssCseError (never be skipped), as jose's
// tap/env.ts decides per engine what must reject.

/** Every runtime the suite runs in; the Node-side orchestrator starts one run per name. */
export const RUNTIMES = ['node', 'chromium', 'deno', 'bun', 'workerd'] as const;
export type RuntimeName = (typeof RUNTIMES)[number];

/**
 * Platform features a case may need:
 * - `wasm-codegen`: compiling WebAssembly from bytes at run time (`WebAssembly.compile/instantiate/Module`).
 *   workerd, like Cloudflare Workers, refuses it ("Wasm code generation disallowed by embedder"); core's
 *   WebAssembly MD5 and fast CRC-64 are compiled that way.
 */
export type Feature = 'wasm-codegen';

const UNSUPPORTED: Readonly<Record<RuntimeName, readonly Feature[]>> = {
  node: [],
  chromium: [],
  deno: [],
  bun: [],
  workerd: ['wasm-codegen'],
};

/**
 * The engine clients each runtime runs the transfer suites with, by adapter: `fetch` is `createClient` of
 * `@oss-cse/transfer` (the fetch transport, inline encryption); `ali-oss-xhr` is `createClient` of
 * `@oss-cse/browser` (ali-oss over XHR, encryption in a Web Worker, IndexedDB resume records); `ali-oss` is
 * `createClient` of `@oss-cse/node` (ali-oss over Node's http agents, inline encryption). An adapter's runner
 * passes its factory (`src/clients.ts`); to run the suites with another adapter, add its name here for the runtimes
 * it serves and its factory to those runtimes' runners.
 */
export const ADAPTERS = {
  node: ['fetch', 'ali-oss'],
  chromium: ['fetch', 'ali-oss-xhr'],
  deno: ['fetch'],
  bun: ['fetch'],
  workerd: ['fetch'],
} as const satisfies Readonly<Record<RuntimeName, readonly string[]>>;
export type AdapterName = (typeof ADAPTERS)[RuntimeName][number];

/** Whether `runtime` provides `feature`. */
export function supports(runtime: RuntimeName, feature: Feature): boolean {
  return !UNSUPPORTED[runtime].includes(feature);
}

interface RuntimeGlobals {
  Deno?: unknown;
  Bun?: unknown;
  process?: { versions?: { node?: string } };
  document?: unknown;
  navigator?: { userAgent?: string };
}

/** The runtime this code is running in, from its globals (Deno and Bun also define `process`). */
export function detectRuntime(): RuntimeName | 'unknown' {
  const g = globalThis as RuntimeGlobals;
  if (g.Deno !== undefined) return 'deno';
  if (g.Bun !== undefined) return 'bun';
  if (g.navigator?.userAgent === 'Cloudflare-Workers') return 'workerd';
  if (g.document !== undefined && g.navigator?.userAgent?.includes('Chrome/')) return 'chromium';
  if (typeof g.process?.versions?.node === 'string') return 'node';
  return 'unknown';
}

/** A short description of the engine for reports: its user agent or version string. */
export function engineDescription(): string {
  const g = globalThis as RuntimeGlobals & { Deno?: { version?: { deno?: string } }; Bun?: { version?: string } };
  if (g.Deno?.version?.deno) return `Deno ${g.Deno.version.deno}`;
  if (typeof g.Bun?.version === 'string') return `Bun ${g.Bun.version}`;
  const runtime = detectRuntime();
  if (runtime === 'node') return `Node ${g.process!.versions!.node!}`;
  return g.navigator?.userAgent ?? runtime;
}
