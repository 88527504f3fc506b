// The browser's cipher runner: the engine's encryption and decryption (core, unchanged) in a Web Worker, so the page
// stays responsive. Blob plaintext is read by the Worker; ciphertext comes back transferred with its CRC-64 and the
// plaintext's SHA-256; master-key operations run on the page, where the keys are. Reads hand the Worker the
// materials the page opened (a non-extractable CryptoKey and the IV) and transfer it the ciphertext; the plaintext
// comes back transferred with the ciphertext's CRC-64, and the MD5/length check of a whole read runs there too.
import type { Keyring } from '@oss-cse/core';
import type {
  CipherRunner,
  Decipher,
  DecryptedPiece,
  EncryptedPart,
  EncryptedSingle,
  MultipartCipher,
  PartSource,
} from '@oss-cse/transfer';
import { keyringInfo, type OpenedMultipart, type WorkerRequest } from './protocol.js';
import type { DistributiveOmit } from './rpc.js';
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
    encryptObject: (plaintext, { computeMd5, signal }) =>
      channel.request<EncryptedSingle>({ op: 'encryptObject', keyring: info, plaintext, computeMd5 }, { signal }),
    async openMultipart({ dataSize, partSize, signal }) {
      const session = nextSession++;
      const message = { op: 'openMultipart', session, keyring: info, dataSize, partSize } as const;
      return cipher(session, await channel.request<OpenedMultipart>(message, { signal }));
    },
    async resumeMultipart(material, { policy, signal }) {
      const session = nextSession++;
      const message = { op: 'resumeMultipart', session, keyring: info, material, policy } as const;
      return cipher(session, await channel.request<OpenedMultipart>(message, { signal }));
    },
    digest: (plaintext) => channel.request<string>({ op: 'digest', keyring: info, plaintext }),
    async md5(source, { signal } = {}) {
      const blob = source instanceof Blob ? source : (source.blob ?? (await gathered(source, signal)));
      return channel.request<string>({ op: 'md5', keyring: info, blob }, { signal });
    },
    async openDecipher(materials, { integrity, signal } = {}) {
      const session = nextSession++;
      await channel.request({ op: 'openDecipher', session, materials, integrity }, { signal });
      return decipher(channel, session);
    },
    close: () => channel.terminate(),
  };
}

/** Bytes of plaintext copied to the Worker per message when a download reads its sink back (or per source read). */
const VERIFY_PIECE = 8 * 1024 * 1024;

/** A source that is not a Blob (bytes) gathered into one for the Worker to read, each piece copied once. */
async function gathered(source: PartSource, signal: AbortSignal | undefined): Promise<Blob> {
  let blob = new Blob([]);
  for (let offset = 0; offset < source.size; offset += VERIFY_PIECE) {
    const piece = await source.read(offset, Math.min(VERIFY_PIECE, source.size - offset), signal);
    blob = new Blob([blob, piece as BlobPart]);
    source.release?.(piece);
  }
  return blob;
}

/** The page's end of one read session in the Worker. */
function decipher(channel: WorkerChannel, session: number): Decipher {
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    // A Worker stopped since (client.close()) has forgotten the session already: nothing to start it again for.
    if (channel.started) channel.request({ op: 'closeDecipher', session }).catch(() => undefined);
  };
  /** A request of this read; an abort also closes the session, so the Worker drops what is still queued for it. */
  const request = <T>(message: DistributiveOmit<WorkerRequest, 'id'>, transfer: Transferable[], signal?: AbortSignal) =>
    channel.request<T>(message, { transfer, signal }).catch((e: unknown) => {
      if (signal?.aborted) close();
      throw e;
    });
  return {
    decrypt(offset, ciphertext, { inOrder = false, signal } = {}) {
      // The ciphertext is handed over: its buffer moves to the Worker (a view into a larger one is copied first).
      const moved = ciphertext.byteLength === ciphertext.buffer.byteLength ? ciphertext : ciphertext.slice();
      const message = { op: 'decrypt', session, offset, ciphertext: moved, inOrder } as const;
      return request<DecryptedPiece>(message, [moved.buffer as ArrayBuffer], signal);
    },
    async verify(plaintext, { signal } = {}) {
      // Only read: copied to the Worker piece by piece (the caller keeps its buffer).
      for (let at = 0; at < plaintext.length; at += VERIFY_PIECE) {
        const piece = plaintext.slice(at, at + VERIFY_PIECE);
        await request<void>({ op: 'verifyPlaintext', session, plaintext: piece }, [piece.buffer], signal);
      }
    },
    finish: () => channel.request<void>({ op: 'finishDecipher', session }),
    close,
  };
}
