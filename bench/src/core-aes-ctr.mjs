// Core streaming AES-CTR encrypt/decrypt vs raw crypto.subtle.encrypt on the same 1 MiB chunks, in Node
// (goal >= 0.9). The same case runs in Chromium through chromium.mjs.
import { aesCtrCase } from './aes-ctr-case.mjs';

export function benchCoreAesCtr(options = {}) {
  return aesCtrCase(options);
}
