#!/usr/bin/env node
import { runCli } from './cli-main.js';

const { exitCode, emulator } = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
}).catch((err: unknown) => {
  process.stderr.write(`oss-cse-emulator: ${err instanceof Error ? err.message : String(err)}\n`);
  return { exitCode: 1, emulator: undefined };
});
process.exitCode = exitCode;
if (emulator) {
  const stop = (): void => {
    void emulator.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
