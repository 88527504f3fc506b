/**
 * Test-runner helpers: start an emulator for a run and hand its endpoints to workers and browsers through
 * environment variables (a ready-made vitest/Playwright global setup is the default export).
 *
 * @module @oss-cse/emulator/testing
 */
import { startEmulator, type Emulator, type EmulatorOptions } from './emulator.js';

/**
 * Environment variables describing a running emulator (what test runners pass to workers and browsers).
 *
 * @example
 * ```ts
 * import { startEmulator } from '@oss-cse/emulator';
 * import { emulatorEnv } from '@oss-cse/emulator/testing';
 * const emulator = await startEmulator({ port: 0 });
 * const env = emulatorEnv(emulator); // OSS_CSE_EMULATOR_OSS_ENDPOINT, ..._BUCKET, ...
 * ```
 */
export function emulatorEnv(emu: Emulator): Record<string, string> {
  return {
    OSS_CSE_EMULATOR_OSS_ENDPOINT: emu.ossEndpoint,
    OSS_CSE_EMULATOR_STS_ENDPOINT: emu.stsEndpoint,
    OSS_CSE_EMULATOR_KMS_ENDPOINT: emu.kmsEndpoint,
    OSS_CSE_EMULATOR_REGION: emu.region,
    OSS_CSE_EMULATOR_ACCESS_KEY_ID: emu.accessKeyId,
    OSS_CSE_EMULATOR_ACCESS_KEY_SECRET: emu.accessKeySecret,
    OSS_CSE_EMULATOR_BUCKET: emu.buckets[0] ?? '',
    OSS_CSE_EMULATOR_PORT: String(emu.port),
  };
}

/** What {@link setupEmulator} returns. */
export interface EmulatorSetup {
  /** The running emulator. */
  emulator: Emulator;
  /** The variables of {@link emulatorEnv}. */
  env: Record<string, string>;
  /** Stops the emulator and removes the variables it exported. */
  teardown(): Promise<void>;
}

/**
 * Starts an emulator for a test run. With `exportEnv` (default true) the variables of `emulatorEnv` are also
 * set on `process.env`, so workers started afterwards (vitest, Playwright) inherit them.
 *
 * @example
 * ```ts
 * import { setupEmulator } from '@oss-cse/emulator/testing';
 * const { emulator, teardown } = await setupEmulator({ port: 0 });
 * // ... tests against emulator.ossEndpoint ...
 * await teardown();
 * ```
 */
export async function setupEmulator(options: EmulatorOptions & { exportEnv?: boolean } = {}): Promise<EmulatorSetup> {
  const { exportEnv = true, ...emulatorOptions } = options;
  const emulator = await startEmulator(emulatorOptions);
  const env = emulatorEnv(emulator);
  if (exportEnv) Object.assign(process.env, env);
  return {
    emulator,
    env,
    async teardown() {
      await emulator.close();
      if (exportEnv) for (const name of Object.keys(env)) delete process.env[name];
    },
  };
}

/**
 * Ready-made global setup for vitest (`globalSetup: ['@oss-cse/emulator/testing']`) and Playwright
 * (`globalSetup: require.resolve(...)`): starts an in-memory emulator on a free port with admin routes and
 * CORS for any origin, exports the variables, and returns the teardown.
 *
 * @example
 * ```ts
 * // vitest.config.ts
 * export default { test: { globalSetup: ['@oss-cse/emulator/testing'] } };
 * ```
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const setup = await setupEmulator({ port: 0, admin: true, corsOrigins: ['*'] });
  return setup.teardown;
}

export { signRequestV1, pathStyleUrlPath, type SignV1Options } from './auth/sign-v1.js';
export { ossClientOptions, type OssClientOptions, type EmulatorOssOptions } from './testing/oss-client-options.js';
