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
  /** The emulator's endpoint (or the override). */
  endpoint: string;
  /** The bucket. */
  bucket: string | undefined;
  /** `oss-<region>`, as ali-oss wants it. */
  region: string;
  /** The AccessKey ID. */
  accessKeyId: string;
  /** The AccessKey secret. */
  accessKeySecret: string;
  /** The STS token, with STS credentials. */
  stsToken?: string;
  /** With STS credentials: a refresher that returns them again (ali-oss warns about tokens without one). */
  refreshSTSToken?: () => Promise<{ accessKeyId: string; accessKeySecret: string; stsToken: string }>;
  /** With STS credentials: 24 hours, so the refresher never fires during a test. */
  refreshSTSTokenInterval?: number;
  /** Path-style addressing (`/bucket/key`). */
  sldEnable: true;
  /** Sign with V4. */
  authorizationV4: boolean;
  /** Request timeout in ms. */
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
  const { stsToken } = creds;
  return {
    endpoint: options.endpoint ?? emu.ossEndpoint,
    bucket: options.bucket ?? emu.buckets[0],
    region: `oss-${emu.region}`,
    accessKeyId: creds.accessKeyId,
    accessKeySecret: creds.accessKeySecret,
    // A refresher that never fires keeps ali-oss from warning about tokens without one.
    ...(stsToken
      ? {
          stsToken,
          refreshSTSToken: async () => ({ ...creds, stsToken }),
          refreshSTSTokenInterval: 24 * 3600_000,
        }
      : {}),
    sldEnable: true,
    authorizationV4: options.v4 ?? false,
    timeout: options.timeout ?? 20_000,
  };
}
