// The browser's cipher runner: the engine's encryption (core, unchanged) in a Web Worker, so the page stays
// responsive. Blob plaintext is read by the Worker; ciphertext comes back transferred with its CRC-64 and the
// plaintext's SHA-256; master-key operations run on the page, where the keys are.
import { throwIfAborted, type Keyring } from '@oss-cse/core';
import type { CipherRunner, EncryptedPart, EncryptedSingle, MultipartCipher } from '@oss-cse/transfer';
import { keyringInfo, type OpenedMultipart } from './protocol.js';
import { defaultWorkerFactory, WorkerChannel, type WorkerFactory } from './worker-channel.js';

/**
 * @example
 * ```ts
 * import { workerCipherRunner } from '@oss-cse/browser';
 * import type { Keyring } from '@oss-cse/core';
 * declare const keyring: Keyring, file: File;
 * const runner = workerCipherRunner(keyring);
 * const { headers, body, crc64 } = await runner.encryptObject(file, { computeMd5: true });
 * runner.close?.();
 * ```
 */
export function workerCipherRunner(keyring: Keyring, factory: WorkerFactory = defaultWorkerFactory): CipherRunner {
  const channel = new WorkerChannel(keyring, factory);
  const info = keyringInfo(keyring.keys, keyring.defaultKey);
  let nextSession = 1;
  const cipher = (session: number, opened: OpenedMultipart): MultipartCipher => ({
    material: opened.material,
    initiateHeaders: opened.initiateHeaders,
    partHeaders: opened.partHeaders,
    encryptPart: (partNumber, plaintext, options = {}) =>
      channel.request<EncryptedPart>({
        op: 'encryptPart',
        session,
        partNumber,
        plaintext,
        sha256: options.sha256 !== false,
      }),
    close: () => channel.request({ op: 'closeMultipart', session }),
  });
  return {
    async encryptObject(plaintext, { computeMd5, signal }) {
      throwIfAborted(signal);
      return channel.request<EncryptedSingle>({ op: 'encryptObject', keyring: info, plaintext, computeMd5 });
    },
    async openMultipart({ dataSize, partSize, signal }) {
      throwIfAborted(signal);
      const session = nextSession++;
      return cipher(
        session,
        await channel.request<OpenedMultipart>({ op: 'openMultipart', session, keyring: info, dataSize, partSize }),
      );
    },
    async resumeMultipart(material, { policy, signal }) {
      throwIfAborted(signal);
      const session = nextSession++;
      return cipher(
        session,
        await channel.request<OpenedMultipart>({ op: 'resumeMultipart', session, keyring: info, material, policy }),
      );
    },
    digest: (plaintext) => channel.request<string>({ op: 'digest', keyring: info, plaintext }),
    async md5(blob, options = {}) {
      throwIfAborted(options.signal);
      return channel.request<string>({ op: 'md5', keyring: info, blob });
    },
    close: () => channel.terminate(),
  };
}
