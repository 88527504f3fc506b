// Deno: bundled to one ES module, started as `deno run --allow-net=<emulator> bundle.js`; the input arrives on
// stdin, the report leaves on stdout.
import { adminOverFetch, type ConformanceInput } from './context.js';
import { reportLine } from './harness/report.js';
import { runConformance } from './run.js';

declare const Deno: { stdin: { readable: ReadableStream<Uint8Array> } };

const input = JSON.parse(await new Response(Deno.stdin.readable).text()) as ConformanceInput;
console.log(reportLine(await runConformance(input, adminOverFetch(input.emulator.endpoint))));
