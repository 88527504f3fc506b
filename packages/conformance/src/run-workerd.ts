// workerd: bundled to one ES module worker that `workerd serve` runs; the orchestrator POSTs the input and
// reads the report from the response. The worker's only outbound fetch reaches the emulator; the vending
// endpoint is a service binding (`env.orchestrator`).
import { FETCH_CLIENTS } from './clients.js';
import { adminOverFetch, vendOverFetch, type ConformanceInput } from './context.js';
import { runConformance } from './run.js';

interface WorkerEnv {
  readonly orchestrator: { fetch(url: string, init: RequestInit): Promise<Response> };
}

export default {
  async fetch(request: Request, env: WorkerEnv): Promise<Response> {
    if (request.method !== 'POST') return new Response('POST the conformance input as JSON', { status: 405 });
    const input = (await request.json()) as ConformanceInput;
    const vend = vendOverFetch(input.sts.vendUrl, (url, init) => env.orchestrator.fetch(url, init));
    return Response.json(
      await runConformance(input, { admin: adminOverFetch(input.emulator.endpoint), vend, clients: FETCH_CLIENTS }),
    );
  },
};
