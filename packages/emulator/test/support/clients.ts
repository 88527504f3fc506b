import OSS from 'ali-oss';
import type { Emulator } from '../../src/emulator.js';

export interface ClientOptions {
  bucket?: string;
  v4?: boolean;
  /** Use STS credentials instead of the account key. */
  credentials?: { accessKeyId: string; accessKeySecret: string; stsToken?: string };
  /** Endpoint override (default: the emulator's `http://localhost:PORT`). */
  endpoint?: string;
}

/**
 * ali-oss with loose call signatures: @types/ali-oss 6.23.3 disagrees with what 6.23.0 accepts and returns
 * (query objects, `res` on results, listBuckets' shape), and the tests assert the wire values themselves.
 */
export type LooseOss = Omit<
  { [K in keyof OSS]: OSS[K] extends (...args: any[]) => unknown ? (...args: any[]) => Promise<any> : OSS[K] },
  'signatureUrl'
> & {
  signatureUrl(name: string, options?: Record<string, unknown>): string;
  getObjectMeta(name: string): Promise<any>;
};

/** An ali-oss 6.23.0 client in path style against the emulator. */
export function ossClient(emu: Emulator, options: ClientOptions = {}): LooseOss {
  const creds = options.credentials ?? { accessKeyId: emu.accessKeyId, accessKeySecret: emu.accessKeySecret };
  const config = {
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
    timeout: 20_000,
  };
  return new OSS(config as OSS.Options) as unknown as LooseOss;
}

/** The OSS error code an ali-oss call failed with. */
export async function errorCode(call: Promise<unknown>): Promise<string> {
  try {
    await call;
  } catch (err) {
    return String((err as { code?: unknown }).code);
  }
  return 'no error';
}

export function randomBytesBuffer(size: number, seed = 1): Buffer {
  const buf = Buffer.alloc(size);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < size; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    buf[i] = x & 0xff;
  }
  return buf;
}
