// `npm test` runs the conformance suite in Node, Chromium, Deno, Bun and workerd against ONE emulator, and
// reports every case of every runtime as its own test: `pnpm exec vitest run packages/conformance -t '^deno'`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decryptObject } from '@oss-cse/core';
import { ADAPTERS, RUNTIMES } from '../src/env.js';
import type { RuntimeReport } from '../src/harness/report.js';
import { conformanceCaseNames } from '../src/run.js';
import { oss2MasterKey, patternBytes } from '../src/suite/fixtures.js';
import { FOR_NODE_OBJECT } from '../src/suite/fetch-transport.js';
import { THREE_PARTS, threePartsRange } from '../src/suite/transfer/cross-runtime.js';
import { RUN_TIMEOUT_MS, runIn } from './runners/index.js';
import { runtimePrefix, startOrchestrator, type Orchestrator } from './support/orchestrator.js';

let orchestrator: Orchestrator | undefined;

beforeAll(async () => {
  orchestrator = await startOrchestrator();
});

afterAll(async () => {
  await orchestrator?.close();
});

/** Byte equality without vitest's per-element diff (slow on 200 KB); the diff only on a mismatch. */
function expectBytes(actual: Uint8Array, expected: Uint8Array, what: string): void {
  const same = actual.length === expected.length && actual.every((b, i) => b === expected[i]);
  if (!same) expect(actual.length, what).toBe(expected.length);
  expect(same, what).toBe(true);
}

describe.each(RUNTIMES)('%s', (runtime) => {
  const cases = conformanceCaseNames(runtime);
  let report: RuntimeReport;

  beforeAll(async () => {
    report = await runIn(runtime, orchestrator!);
  }, RUN_TIMEOUT_MS + 60_000);

  it('reports every case of the suite, in order, from that runtime', () => {
    expect(report.runtime).toBe(runtime);
    expect(report.detected).toBe(runtime);
    expect(report.cases.map((c) => c.name)).toEqual(cases);
  });

  it(`Node decrypts the ${FOR_NODE_OBJECT.name} that ${runtime} wrote`, async () => {
    const { headers, body } = await orchestrator!.readObject(`${runtimePrefix(runtime)}${FOR_NODE_OBJECT.name}`);
    const plain = await decryptObject({ keyring: await oss2MasterKey({ oaep: true }), headers, ciphertext: body });
    expectBytes(
      plain,
      patternBytes(FOR_NODE_OBJECT.size, FOR_NODE_OBJECT.seed),
      'plaintext equals what the runtime encrypted',
    );
  });

  it.each(ADAPTERS[runtime])(
    `Node reads the ${THREE_PARTS.name} that ${runtime} uploaded with its %s client, whole and ${THREE_PARTS.range}`,
    async (adapter) => {
      const client = await orchestrator!.client();
      const key = `${runtimePrefix(runtime)}${adapter}/${THREE_PARTS.name}`;
      const want = patternBytes(THREE_PARTS.size, THREE_PARTS.seed);
      expect((await client.head(key)).envelope?.partSize).toBe(THREE_PARTS.partSize);
      expectBytes((await client.get(key)).body, want, 'whole');
      expectBytes((await client.get(key, { range: THREE_PARTS.range })).body, threePartsRange(want), THREE_PARTS.range);
    },
  );

  it.each(cases)('%s', (name) => {
    const result = report.cases.find((c) => c.name === name);
    expect(result, `${runtime} did not report this case`).toBeDefined();
    expect(result!.message, `${runtime} (${report.engine})`).toBeUndefined();
    expect(result!.passed).toBe(true);
  });
});
