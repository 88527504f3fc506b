// The one entry every runner calls: registers the suite files and runs their cases in this runtime.
import { detectRuntime, engineDescription } from './env.js';
import type { AdminChannel, ConformanceEnv, ConformanceInput } from './context.js';
import { collectCases } from './harness/suite-api.js';
import { runCases } from './harness/run-cases.js';
import type { RuntimeReport } from './harness/report.js';
import { SUITES } from './suite/index.js';

/** Runs every case of every suite file and reports each one. */
export async function runConformance(input: ConformanceInput, admin: AdminChannel): Promise<RuntimeReport> {
  const env: ConformanceEnv = { runtime: input.runtime, input, admin };
  const cases = await runCases(collectCases(SUITES, env), env);
  return { runtime: input.runtime, detected: detectRuntime(), engine: engineDescription(), cases };
}

/** The name of every case, in order, as each runtime reports it (names never depend on the input). */
export function conformanceCaseNames(): string[] {
  const listing: ConformanceEnv = {
    runtime: 'node',
    input: {
      runtime: 'node',
      emulator: { endpoint: 'http://127.0.0.1/', region: '', bucket: '' },
      sts: { prefix: '', credentials: { accessKeyId: '', accessKeySecret: '' }, expired: { accessKeyId: '', accessKeySecret: '' } },
      nodeObjects: {},
      faultObject: { key: '', get: { url: '', headers: {} } },
    },
    admin: () => Promise.reject(new Error('listing only')),
  };
  return collectCases(SUITES, listing).map((c) => c.name);
}
