// What every verb of the engine needs: one object built once by the client.
import type { CredentialsProvider, Keyring, ReadPolicy, RetryOptions } from '@oss-cse/core';
import type { CipherRunner } from '../cipher/cipher-runner.js';
import type { MaterialsOpener } from '../materials/materials-opener.js';
import type { RetryEvent } from '../request/send.js';
import type { ResumeStore } from '../resume/resume-store.js';
import type { PartSource } from '../source/part-source.js';
import type { ObjectTransport } from '../transport/object-transport.js';

/** The client's transfer defaults, after validation. */
export interface TransferDefaults {
  /** Part size of multipart uploads and ranged downloads (multiple of 16, ≥ 100 KiB for uploads). */
  readonly partSize: number;
  /** Parts in flight per transfer. */
  readonly concurrency: number;
  /** Sources at or below this size go in one PutObject. */
  readonly multipartThreshold: number;
  /** Bytes per ranged GET of a streamed read. */
  readonly streamChunk: number;
}

/** What every verb of the engine needs, built once per client by `createContext`. */
export interface EngineContext {
  /** Where requests go. */
  readonly transport: ObjectTransport;
  /** The master keys: the default one encrypts, the one matching an object decrypts. */
  readonly keyring: Keyring;
  /** Signs every request; refreshed on expiry and when OSS rejects a stale token. */
  readonly credentials: CredentialsProvider;
  /** The client's retry options. */
  readonly retry: RetryOptions;
  /** The client's read policy. */
  readonly policy: ReadPolicy | undefined;
  /** Where encryption and decryption run (inline, or in a Worker). */
  readonly cipher: CipherRunner;
  /** Resume records; undefined: transfers are not resumable. */
  readonly resume: ResumeStore | undefined;
  /** The client's transfer defaults. */
  readonly defaults: TransferDefaults;
  /** Opens envelopes for reading: the read policy, the decrypted-materials cache, the unwrap. */
  readonly materials: MaterialsOpener;
  /**
   * Turns a stream of unknown size that is larger than one part into a source of known size (Node spools it to a
   * temporary file; the source's `close` removes it). Without it, such a stream needs `size`.
   */
  readonly spool?: ((chunks: AsyncIterable<Uint8Array>, signal?: AbortSignal) => Promise<PartSource>) | undefined;
}

/** Options every transfer verb takes. */
export interface TransferOptions {
  /** Cancels the transfer: pending requests are aborted and the call rejects with ERR_ABORTED. */
  readonly signal?: AbortSignal | undefined;
  /** Part size for this transfer (default: the client's). */
  readonly partSize?: number | undefined;
  /** Parts in flight for this transfer (default: the client's). */
  readonly concurrency?: number | undefined;
  /** Before each retry of a request; part requests name their `partNumber`. */
  readonly onRetry?: ((event: RetryEvent) => void) | undefined;
  /** This transfer's retry options (default: the client's). */
  readonly retry?: RetryOptions | undefined;
}
