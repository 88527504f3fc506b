// workerd: bundled to one ES module worker that `workerd serve` runs; the orchestrator POSTs the input and
// reads the report from the response.
import { adminOverFetch, type ConformanceInput } from './context.js';
import { runConformance } from './run.js';

export default {
  async fetch(request: Request): Promise<Response> {
    if (request.method !== 'POST') return new Response('POST the conformance input as JSON', { status: 405 });
    const input = (await request.json()) as ConformanceInput;
    return Response.json(await runConformance(input, adminOverFetch(input.emulator.endpoint)));
  },
};
