// `npm test` runs the conformance suite in Node, Chromium, Deno, Bun and workerd against ONE emulator, and
// reports every case of every runtime as its own test: `pnpm exec vitest run packages/conformance -t '^deno'`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decryptObject } from '@oss-cse/core';
import { RUNTIMES } from '../src/env.js';
import type { RuntimeReport } from '../src/harness/report.js';
import { conformanceCaseNames } from '../src/run.js';
import { oss2MasterKey, patternBytes } from '../src/suite/fixtures.js';
import { FOR_NODE_OBJECT } from '../src/suite/fetch-transport.js';
import { RUN_TIMEOUT_MS, runIn } from './runners/index.js';
import { runtimePrefix, startOrchestrator, type Orchestrator } from './support/orchestrator.js';

const CASES = conformanceCaseNames();
let orchestrator: Orchestrator | undefined;

beforeAll(async () => {
  orchestrator = await startOrchestrator();
});

afterAll(async () => {
  await orchestrator?.close();
});

describe.each(RUNTIMES)('%s', (runtime) => {
  let report: RuntimeReport;

  beforeAll(async () => {
    report = await runIn(runtime, orchestrator!);
  }, RUN_TIMEOUT_MS + 60_000);

  it('reports every case of the suite, in order, from that runtime', () => {
    expect(report.runtime).toBe(runtime);
    expect(report.detected).toBe(runtime);
    expect(report.cases.map((c) => c.name)).toEqual(CASES);
  });

  it(`Node decrypts the ${FOR_NODE_OBJECT.name} that ${runtime} wrote`, async () => {
    const { headers, body } = await orchestrator!.readObject(`${runtimePrefix(runtime)}${FOR_NODE_OBJECT.name}`);
    const plain = await decryptObject({ keyring: await oss2MasterKey({ oaep: true }), headers, ciphertext: body });
    const want = patternBytes(FOR_NODE_OBJECT.size, FOR_NODE_OBJECT.seed);
    expect(plain.length).toBe(want.length);
    expect(plain.every((b, i) => b === want[i]), 'plaintext equals what the runtime encrypted').toBe(true);
  });

  it.each(CASES)('%s', (name) => {
    const result = report.cases.find((c) => c.name === name);
    expect(result, `${runtime} did not report this case`).toBeDefined();
    expect(result!.message, `${runtime} (${report.engine})`).toBeUndefined();
    expect(result!.passed).toBe(true);
  });
});
