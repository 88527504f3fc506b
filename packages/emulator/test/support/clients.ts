import OSS from 'ali-oss';
import type { Emulator } from '../../src/emulator.js';
import { ossClientOptions, type OssClientOptions } from '../../src/testing.js';

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

/** An ali-oss 6.23.0 client in path style against the emulator (the public `ossClientOptions`). */
export function ossClient(emu: Emulator, options: OssClientOptions = {}): LooseOss {
  return new OSS(ossClientOptions(emu, options) as OSS.Options) as unknown as LooseOss;
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
