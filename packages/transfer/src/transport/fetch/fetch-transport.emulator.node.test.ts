// The fetch transport's emulator suite in Node (Node's own fetch).
import { afterAll } from 'vitest';
import { fetchTransportSuite } from '../../../test/support/fetch-transport-suite.js';
import { startFetchSuiteEmulator } from '../../../test/fetch-emulator.js';

const { emulator, target } = await startFetchSuiteEmulator();
afterAll(() => emulator.close());

fetchTransportSuite(target, async (rule) => {
  emulator.faults.add(rule as Parameters<typeof emulator.faults.add>[0]);
});
