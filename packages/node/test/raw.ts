// A plain ali-oss client against the emulator, to write or read objects around the library.
import OSS from 'ali-oss';
import type { Emulator } from '@oss-cse/emulator';
import { ossClientOptions } from '@oss-cse/emulator/testing';

export function rawClient(emu: Emulator): OSS {
  return new OSS(ossClientOptions(emu, { v4: true }) as OSS.Options);
}
