// Node's ali-oss transport against the emulator: the engine's transport suite, the one every ObjectTransport passes
// (every operation with V4 and V1, account keys and STS credentials, awkward keys and empty bodies, the error table
// end to end: a stale token, wrong keys, a policy, 404/412/416, 503, refused connections, timeouts, an abort while
// waiting, a body cut off mid-way).
import { afterAll } from 'vitest';
import { startFetchSuiteEmulator } from '../../../transfer/test/fetch-emulator.js';
import { transportSuite } from '../../../transfer/test/support/index.js';
import { createAliOssTransport } from './ali-oss-transport.js';

const { emulator, target } = await startFetchSuiteEmulator();
afterAll(() => emulator.close());

transportSuite(
  target,
  async (rule) => {
    emulator.faults.add(rule as Parameters<typeof emulator.faults.add>[0]);
  },
  { name: 'ali-oss transport (Node)', create: createAliOssTransport },
);
