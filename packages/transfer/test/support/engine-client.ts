// An engine client over a MemoryTransport, for the engine's own tests: inline encryption, a memory resume store,
// static credentials and fast retries.
import { RsaMasterKey, generateRsaKeyPair, type MasterKey } from '@oss-cse/core';
import { inlineCipherRunner } from '../../src/cipher/inline-runner.js';
import { TransferClient } from '../../src/client/client.js';
import type { ClientOptions } from '../../src/client/client-options.js';
import type { ObjectTransport } from '../../src/transport/object-transport.js';
import { memoryResumeStore } from '../../src/resume/resume-store.js';
import { MemoryTransport } from './memory-transport.js';

/** A fresh RSA master key (PKCS#1 v1.5 wrapping). */
export async function testMasterKey(): Promise<MasterKey> {
  return RsaMasterKey.import({ privateKey: (await generateRsaKeyPair()).privateKey });
}

/**
 * @example
 * ```ts
 * const { client, transport } = memoryClient(await testMasterKey());
 * ```
 */
export function memoryClient(
  keyring: MasterKey,
  options: Partial<ClientOptions> & { transport?: ObjectTransport } = {},
): { client: TransferClient; transport: ObjectTransport } {
  const transport = options.transport ?? new MemoryTransport();
  const client = new TransferClient(
    {
      keyring,
      bucket: transport.bucket,
      transport,
      resumeStore: memoryResumeStore(),
      credentials: { accessKeyId: 'AKID', accessKeySecret: 'secret' },
      retry: { baseDelayMs: 1, maxDelayMs: 2 },
      ...options,
    },
    { createTransport: () => transport, createCipher: inlineCipherRunner },
  );
  return { client, transport };
}
