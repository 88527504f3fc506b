// workerd: a generated capnp config binds the bundled modules as one worker whose only way out is the emulator's
// host:port (an external service as globalOutbound) and, as the service binding `orchestrator`, the STS vending
// endpoint's; `workerd serve` listens on a free loopback port (reported on its control fd), and one POST of the
// input returns the report.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type { ConformanceInput } from '../../src/context.js';
import { parseReport, type RuntimeReport } from '../../src/harness/report.js';
import type { Bundle } from '../support/bundle.js';
import { binPath } from '../support/child.js';

/** workerd's own compatibility date, or today when that is later than today (workerd refuses future dates). */
function compatibilityDate(): string {
  const own = (createRequire(import.meta.url)('workerd') as { compatibilityDate: string }).compatibilityDate;
  const today = new Date().toISOString().slice(0, 10);
  return own < today ? own : today;
}

/**
 * Compatibility flags for a pure web-platform worker: nodejs_compat is on by default from 2026-08-04 (and naming
 * it from then on is an error), so it is switched off explicitly from that date.
 */
function compatibilityFlags(date: string): string {
  return date < '2026-08-04' ? '[]' : '["no_nodejs_compat"]';
}

/** The capnp config: the worker's modules, a listening socket, outbound fetch to the emulator, the vending binding. */
export function workerdConfig(bundle: Bundle, emulatorHost: string, vendingHost: string): string {
  const modules = [bundle.entry('workerd'), ...bundle.modules.filter((m) => m !== bundle.entry('workerd'))]
    .map((m) => `(name = "${m}", esModule = embed "${m}")`)
    .join(',\n    ');
  const date = compatibilityDate();
  return `using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
    (name = "conformance", worker = .conformanceWorker),
    (name = "emulator", external = (address = "${emulatorHost}", http = ())),
    (name = "orchestrator", external = (address = "${vendingHost}", http = ())),
  ],
  sockets = [(name = "http", address = "127.0.0.1:0", http = (), service = "conformance")],
);

const conformanceWorker :Workerd.Worker = (
  modules = [
    ${modules}
  ],
  compatibilityDate = "${date}",
  compatibilityFlags = ${compatibilityFlags(date)},
  globalOutbound = "emulator",
  bindings = [(name = "orchestrator", service = "orchestrator")],
);
`;
}

export async function runWorkerd(bundle: Bundle, input: ConformanceInput, timeoutMs: number): Promise<RuntimeReport> {
  const config = join(bundle.dir, 'workerd.capnp');
  writeFileSync(config, workerdConfig(bundle, new URL(input.emulator.endpoint).host, new URL(input.sts.vendUrl).host));
  const child = spawn(binPath('workerd'), ['serve', '--control-fd=3', config], {
    cwd: bundle.dir,
    stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
  });
  const [, stdout, stderr, control] = child.stdio as unknown as [null, Readable, Readable, Readable];
  let output = '';
  stdout.setEncoding('utf8').on('data', (s: string) => {
    output += s;
  });
  stderr.setEncoding('utf8').on('data', (s: string) => {
    output += s;
  });
  const exited = new Promise<never>((_, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`workerd exited with ${code}: ${output.slice(-2000)}`)));
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  try {
    const port = await Promise.race([listenPort(control), exited]);
    const res = await Promise.race([
      fetch(`http://127.0.0.1:${port}/`, {
        method: 'POST',
        body: JSON.stringify(input),
        signal: AbortSignal.timeout(timeoutMs),
      }),
      exited,
    ]);
    const text = await res.text();
    if (res.status !== 200)
      throw new Error(`the worker answered ${res.status}: ${text.slice(0, 2000)}; workerd: ${output.slice(-2000)}`);
    return parseReport(text);
  } finally {
    clearTimeout(timer);
    exited.catch(() => undefined);
    child.kill('SIGTERM');
  }
}

/** The port of the "http" socket, from workerd's control messages (one JSON object per line). */
function listenPort(control: Readable): Promise<number> {
  return new Promise((resolve, reject) => {
    let buffered = '';
    control.setEncoding('utf8');
    control.on('data', (s: string) => {
      buffered += s;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        const message = JSON.parse(line) as { event?: string; socket?: string; port?: number };
        if (message.event === 'listen' && message.socket === 'http' && typeof message.port === 'number')
          resolve(message.port);
      }
    });
    control.on('end', () => reject(new Error('workerd closed its control fd before listening')));
  });
}
