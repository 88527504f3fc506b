// Bun: bundled to one ES module, started as `bun run bundle.js`; the input arrives on stdin, the report leaves
// on stdout.
import { FETCH_CLIENTS } from './clients.js';
import { adminOverFetch, vendOverFetch, type ConformanceInput } from './context.js';
import { reportLine } from './harness/report.js';
import { runConformance } from './run.js';

declare const Bun: { stdin: { text(): Promise<string> } };

const input = JSON.parse(await Bun.stdin.text()) as ConformanceInput;
const services = {
  admin: adminOverFetch(input.emulator.endpoint),
  vend: vendOverFetch(input.sts.vendUrl),
  clients: FETCH_CLIENTS,
};
console.log(reportLine(await runConformance(input, services)));
