// Global setup of the vitest `consumer` project: build once (unless npm test did), pack once, install once, start
// the emulator once with `npx oss-cse-emulator` from the installed tarball; every consumer test shares them.
import { rm } from 'node:fs/promises';
import type { TestProject } from 'vitest/node';
import type { ConsumerProject } from './packages.js';
import { buildOnce, consumerDir, installApp, packAll } from './prepare.js';
import { startServer } from '../../scripts/test-support/processes.js';

declare module 'vitest' {
  export interface ProvidedContext {
    consumer: ConsumerProject;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  await buildOnce();
  const dir = await consumerDir();
  const tarballs = await packAll(dir);
  const app = await installApp(dir, tarballs);
  const emulator = await startServer('npx', ['--no-install', 'oss-cse-emulator', '--port', '0', '--cors-origin', '*'], {
    cwd: app,
    ready: /^\{.*"ossEndpoint"/,
  });
  project.provide('consumer', {
    dir,
    app,
    tarballs,
    emulator: JSON.parse(emulator.line) as ConsumerProject['emulator'],
  });
  return async () => {
    await emulator.stop();
    if (process.env['OSS_CSE_KEEP_CONSUMER'] !== '1') await rm(dir, { recursive: true, force: true });
  };
}
