import { startEmulator, type Emulator, type EmulatorOptions } from './emulator.js';

/** Environment variables describing a running emulator (what test runners pass to workers and browsers). */
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

export interface EmulatorSetup {
  emulator: Emulator;
  env: Record<string, string>;
  teardown(): Promise<void>;
}

/**
 * Starts an emulator for a test run. With `exportEnv` (default true) the variables of `emulatorEnv` are also
 * set on `process.env`, so workers started afterwards (vitest, Playwright) inherit them.
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
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const setup = await setupEmulator({ port: 0, admin: true, corsOrigins: ['*'] });
  return setup.teardown;
}

export { signRequestV1, pathStyleUrlPath, type SignV1Options } from './auth/sign-v1.js';
export { ossClientOptions, type OssClientOptions, type EmulatorOssOptions } from './testing/oss-client-options.js';
