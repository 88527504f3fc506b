// The one entry every runner calls: registers the suite files and runs their cases in this runtime: the runtime's
// suites once, the transfer suites once per engine adapter the runtime has (src/env.ts ADAPTERS).
import { ADAPTERS, detectRuntime, engineDescription, type AdapterName, type RuntimeName } from './env.js';
import type { TransferClient } from '@oss-cse/transfer';
import type { ClientFactory, ConformanceEnv, ConformanceInput, RunnerServices, TransferEnv } from './context.js';
import { collectCases, type Case } from './harness/suite-api.js';
import { runCases } from './harness/run-cases.js';
import type { RuntimeReport } from './harness/report.js';
import { SUITES } from './suite/index.js';
import { TRANSFER_SUITES } from './suite/transfer/index.js';

/** Runs every case of every suite file and reports each one. */
export async function runConformance(input: ConformanceInput, services: RunnerServices): Promise<RuntimeReport> {
  const env: ConformanceEnv = { runtime: input.runtime, input, admin: services.admin, vend: services.vend };
  const cases = await runCases(conformanceCases(env, services), env);
  return { runtime: input.runtime, detected: detectRuntime(), engine: engineDescription(), cases };
}

/** The name of every case `runtime` runs, in order (names never depend on the input). */
export function conformanceCaseNames(runtime: RuntimeName): string[] {
  const refuse = () => Promise.reject(new Error('listing only'));
  const listing: ConformanceEnv = {
    runtime,
    input: {
      runtime,
      emulator: { endpoint: 'http://127.0.0.1/', region: '', bucket: '' },
      sts: {
        prefix: '',
        credentials: { accessKeyId: '', accessKeySecret: '' },
        expired: { accessKeyId: '', accessKeySecret: '' },
        vendUrl: '',
      },
      nodeObjects: {},
      faultObject: { key: '', get: { url: '', headers: {} } },
    },
    admin: refuse,
    vend: refuse,
  };
  return conformanceCases(listing, { admin: refuse, vend: refuse, clients: {} }).map((c) => c.name);
}

/** `suite › case` for the runtime's suites, `<adapter> client › suite › case` for the transfer suites. */
function transferCasePrefix(adapter: AdapterName): string {
  return `${adapter} client › `;
}

function conformanceCases(env: ConformanceEnv, services: RunnerServices): Case[] {
  const adapters: readonly AdapterName[] = ADAPTERS[env.runtime];
  return [
    ...collectCases(SUITES, env),
    ...adapters.flatMap((adapter) => transferCases(env, adapter, services.clients[adapter])),
  ];
}

/** The transfer suites' cases for one adapter; the clients a case created are closed when it ends (a Worker each). */
function transferCases(env: ConformanceEnv, adapter: AdapterName, factory: ClientFactory | undefined): Case[] {
  const { bucket, region, endpoint } = env.input.emulator;
  const opened: TransferClient[] = [];
  const transfer: TransferEnv = {
    ...env,
    adapter,
    prefix: `${env.input.sts.prefix}${adapter}/`,
    createClient(options) {
      if (!factory)
        throw new Error(`the ${env.runtime} runner provides no "${adapter}" client, which src/env.ts lists for it`);
      const client = factory({ ...options, bucket, region, endpoint });
      opened.push(client);
      return client;
    },
  };
  return collectCases(TRANSFER_SUITES, transfer, transferCasePrefix(adapter)).map((c) => ({
    ...c,
    fn: async () => {
      try {
        await c.fn();
      } finally {
        for (const client of opened.splice(0)) client.close();
      }
    },
  }));
}
