import type { Emulator } from '../emulator.js';

/** Which bucket, signature version and credentials an ali-oss client against the emulator uses. */
export interface OssClientOptions {
  /** Default: the emulator's first bucket. */
  bucket?: string;
  /** Sign with V4 (`authorizationV4`); default V1, as ali-oss does. */
  v4?: boolean;
  /** STS (or other) credentials instead of the emulator's account key. */
  credentials?: { accessKeyId: string; accessKeySecret: string; stsToken?: string };
  /** Endpoint override (default: the emulator's `http://localhost:PORT`). */
  endpoint?: string;
  /** Request timeout in ms (default 20 000). */
  timeout?: number;
}

/** The options `new OSS(...)` of ali-oss 6.x takes to reach the emulator (path style, its region, no retries). */
export interface EmulatorOssOptions {
  endpoint: string;
  bucket: string | undefined;
  region: string;
  accessKeyId: string;
  accessKeySecret: string;
  stsToken?: string;
  refreshSTSToken?: () => Promise<{ accessKeyId: string; accessKeySecret: string; stsToken?: string }>;
  refreshSTSTokenInterval?: number;
  sldEnable: true;
  authorizationV4: boolean;
  timeout: number;
}

/**
 * ali-oss client options for a running emulator: path-style addressing (`sldEnable`) on its endpoint, its region,
 * its account key or the given credentials. The emulator does not depend on ali-oss: pass the result to your own.
 *
 * @example
 * ```ts
 * import OSS from 'ali-oss';
 * import { startEmulator } from '@oss-cse/emulator';
 * import { ossClientOptions } from '@oss-cse/emulator/testing';
 *
 * const emu = await startEmulator({ port: 0 });
 * const oss = new OSS(ossClientOptions(emu, { v4: true }));
 * await oss.put('hello.txt', Buffer.from('hello'));
 * ```
 */
export function ossClientOptions(emu: Emulator, options: OssClientOptions = {}): EmulatorOssOptions {
  const creds = options.credentials ?? { accessKeyId: emu.accessKeyId, accessKeySecret: emu.accessKeySecret };
  return {
    endpoint: options.endpoint ?? emu.ossEndpoint,
    bucket: options.bucket ?? emu.buckets[0],
    region: `oss-${emu.region}`,
    accessKeyId: creds.accessKeyId,
    accessKeySecret: creds.accessKeySecret,
    // A refresher that never fires keeps ali-oss from warning about tokens without one.
    ...(creds.stsToken
      ? {
          stsToken: creds.stsToken,
          refreshSTSToken: async () => ({ ...creds }),
          refreshSTSTokenInterval: 24 * 3600_000,
        }
      : {}),
    sldEnable: true,
    authorizationV4: options.v4 ?? false,
    timeout: options.timeout ?? 20_000,
  };
}
