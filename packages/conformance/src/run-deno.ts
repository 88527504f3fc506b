// Deno: bundled to one ES module, started as `deno run --allow-net=<emulator>,<vending endpoint> bundle.js`; the
// input arrives on stdin, the report leaves on stdout.
import { FETCH_CLIENTS } from './clients.js';
import { adminOverFetch, vendOverFetch, type ConformanceInput } from './context.js';
import { reportLine } from './harness/report.js';
import { runConformance } from './run.js';

declare const Deno: { stdin: { readable: ReadableStream<Uint8Array> } };

const input = JSON.parse(await new Response(Deno.stdin.readable).text()) as ConformanceInput;
const services = {
  admin: adminOverFetch(input.emulator.endpoint),
  vend: vendOverFetch(input.sts.vendUrl),
  clients: FETCH_CLIENTS,
};
console.log(reportLine(await runConformance(input, services)));
