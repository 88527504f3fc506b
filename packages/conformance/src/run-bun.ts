// Bun: bundled to one ES module, started as `bun run bundle.js`; the input arrives on stdin, the report leaves
// on stdout.
import { adminOverFetch, type ConformanceInput } from './context.js';
import { reportLine } from './harness/report.js';
import { runConformance } from './run.js';

declare const Bun: { stdin: { text(): Promise<string> } };

const input = JSON.parse(await Bun.stdin.text()) as ConformanceInput;
console.log(reportLine(await runConformance(input, adminOverFetch(input.emulator.endpoint))));
