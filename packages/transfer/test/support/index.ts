// Test helpers of the engine for runtime packages' tests (never built or published): an in-memory transport,
// deterministic test data, and the transport suite every ObjectTransport runs against the emulator.
export {
  MemoryTransport,
  pseudoRandom,
  resetError,
  type FaultHook,
  type FaultInfo,
  type StoredObject,
} from './memory-transport.js';
export { memoryClient, testMasterKey } from './engine-client.js';
export {
  failure,
  fetchTransportSuite,
  transportSuite,
  type FaultRule,
  type FetchSuiteTarget,
  type TransportUnderTest,
} from './fetch-transport-suite.js';
export { recordCalls, watchConsole } from './watch-calls.js';
