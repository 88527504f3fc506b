// Core streaming AES-CTR encrypt/decrypt vs raw crypto.subtle.encrypt in 1 MiB calls (pipelined like core), in Node
// (goal >= 0.9). The same case runs in Chromium through chromium.mjs.
import { aesCtrCase } from './aes-ctr-case.mjs';

export function benchCoreAesCtr(options = {}) {
  return aesCtrCase(options);
}
