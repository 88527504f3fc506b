// A plain ali-oss client against the emulator, to write or read objects around the library.
import OSS from 'ali-oss';
import type { Emulator } from '@oss-cse/emulator';

export function rawClient(emu: Emulator): OSS {
  return new OSS({
    endpoint: emu.ossEndpoint,
    bucket: emu.buckets[0],
    region: `oss-${emu.region}`,
    accessKeyId: emu.accessKeyId,
    accessKeySecret: emu.accessKeySecret,
    sldEnable: true,
    authorizationV4: true,
  } as OSS.Options);
}
