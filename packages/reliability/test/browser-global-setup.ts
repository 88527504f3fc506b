// Global setup of the vitest `browser` project for the reliability suite: an emulator with admin (fault
// injection) routes and CORS for any origin, handed to Chromium tests as `reliabilityEmulator`.
import { startEmulator } from '@oss-cse/emulator';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    reliabilityEmulator: { ossEndpoint: string; region: string; bucket: string; accessKeyId: string; accessKeySecret: string };
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const emulator = await startEmulator({ port: 0, admin: true, corsOrigins: ['*'] });
  project.provide('reliabilityEmulator', {
    ossEndpoint: emulator.ossEndpoint, region: emulator.region, bucket: emulator.buckets[0]!,
    accessKeyId: emulator.accessKeyId, accessKeySecret: emulator.accessKeySecret,
  });
  return () => emulator.close();
}
