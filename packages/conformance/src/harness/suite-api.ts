// The suite's test API: a suite file registers named async cases, synchronously, with `t.test(name, fn)`.
// Names never depend on the run's input, so the Node side can list them (and check that a runtime ran every one).
import type { Feature } from '../env.js';
import type { ConformanceEnv, TransferEnv } from '../context.js';

export type CaseFn = () => Promise<void>;

export interface CaseOptions {
  /**
   * A platform feature the case needs. Where the runtime lacks it (env.ts) the case must still work, or reject
   * with a typed OssCseError; any other failure fails the case.
   */
  readonly requires?: Feature;
}

export interface Case extends CaseOptions {
  readonly name: string;
  readonly fn: CaseFn;
}

export interface SuiteApi {
  test(name: string, fn: CaseFn, options?: CaseOptions): void;
}

/** One suite file: registers its cases for `env` (which its cases, not its names, may use). */
export interface Suite<E extends ConformanceEnv = ConformanceEnv> {
  readonly name: string;
  define(t: SuiteApi, env: E): void;
}

/** A suite file of the transfer engine's client, run once per adapter of the runtime (`src/env.ts` ADAPTERS). */
export type TransferSuite = Suite<TransferEnv>;

/** Registers every case of `suites`, as `<prefix>suite › case`; duplicate names are a programming error. */
export function collectCases<E extends ConformanceEnv>(suites: readonly Suite<E>[], env: E, prefix = ''): Case[] {
  const cases: Case[] = [];
  const seen = new Set<string>();
  for (const suite of suites) {
    suite.define(
      {
        test(name, fn, options = {}) {
          const full = `${prefix}${suite.name} › ${name}`;
          if (seen.has(full)) throw new TypeError(`duplicate conformance case "${full}"`);
          seen.add(full);
          cases.push({ ...options, name: full, fn });
        },
      },
      env,
    );
  }
  return cases;
}
