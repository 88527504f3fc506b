// Global setup of the vitest `browser` project for the fetch transport's suite: its own emulator (fault rules and
// expiring tokens stay out of other suites' way), handed to Chromium as `fetchSuiteTarget`, and the loopback
// relay that adds fault rules to it (`fetchSuiteFaults`).
import type { TestProject } from 'vitest/node';
import type { FetchSuiteTarget } from './support/fetch-transport-suite.js';
import { startFaultRelay, startFetchSuiteEmulator } from './fetch-emulator.js';

declare module 'vitest' {
  export interface ProvidedContext {
    fetchSuiteTarget: FetchSuiteTarget;
    fetchSuiteFaults: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const { emulator, target } = await startFetchSuiteEmulator();
  const relay = await startFaultRelay(emulator);
  project.provide('fetchSuiteTarget', target);
  project.provide('fetchSuiteFaults', relay.url);
  return async () => {
    await relay.close();
    await emulator.close();
  };
}
