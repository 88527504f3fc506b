// What an upload reads its plaintext from. The engine plans parts and asks the source for each one; runtime
// adapters add their own sources (a Node file handle), the engine has bytes, Blobs and streams.
import { OssCseError, utf8 } from '@oss-cse/core';
import type { Plaintext } from '../cipher/cipher-runner.js';

/** What identifies a source across runs, for resuming an upload of the same data. */
export interface SourceIdentity {
  /** A file path, or a File's name: part of the resume record's id. */
  readonly name: string;
  /** Bytes of the source when the record was made. */
  readonly size: number;
  /** Modification time (ms since the epoch), when the source has one. */
  readonly lastModified?: number | undefined;
}

/** Plaintext an upload reads part by part: bytes, a Blob, a file or a stream. */
export interface PartSource {
  /** Plaintext bytes in all. */
  readonly size: number;
  /** True when parts can be read in any order and read again (files, Blobs); false for a stream read once. */
  readonly random: boolean;
  /** Present for sources an upload can resume from (files, Files). */
  readonly identity?: SourceIdentity | undefined;
  /** The whole source when it is a Blob (a cipher runner may read it off the calling thread). */
  readonly blob?: Blob | undefined;
  /** Plaintext bytes [offset, offset+length). A sequential source is asked in increasing offsets, once each. */
  read(offset: number, length: number, signal?: AbortSignal): Promise<Plaintext>;
  /**
   * The engine is done with what `read` returned (a source may reuse that memory). A source with `release` hands
   * the bytes it returns over until then: the engine may overwrite them (it encrypts parts in place).
   */
  release?(plaintext: Plaintext): void;
  /** Releases the source (file handle, stream reader). */
  close?(): Promise<void>;
}

/**
 * Bytes (or UTF-8 text) already in memory.
 *
 * @example
 * ```ts
 * import { bytesSource } from '@oss-cse/transfer';
 * const source = bytesSource('hello');
 * await source.read(1, 3); // the bytes of 'ell'
 * ```
 */
export function bytesSource(data: Uint8Array | string): PartSource {
  const bytes = typeof data === 'string' ? utf8(data) : data;
  return { size: bytes.length, random: true, read: async (offset, length) => bytes.subarray(offset, offset + length) };
}

/**
 * A Blob or File: parts are Blob slices (a Worker runner reads them itself; nothing is read on this thread).
 *
 * @example
 * ```ts
 * import { blobSource, type TransferClient } from '@oss-cse/transfer';
 * declare const client: TransferClient, file: File;
 * await client.upload(file.name, blobSource(file));
 * ```
 */
export function blobSource(blob: Blob): PartSource {
  const file = blob as Partial<File>;
  const identity =
    typeof file.name === 'string' && file.name !== ''
      ? {
          name: file.name,
          size: blob.size,
          lastModified: typeof file.lastModified === 'number' ? file.lastModified : undefined,
        }
      : undefined;
  return {
    size: blob.size,
    random: true,
    identity,
    blob,
    read: async (offset, length) => blob.slice(offset, offset + length),
  };
}

/**
 * A stream of `size` bytes, read once in order. Fails with ERR_SOURCE_CHANGED when the stream ends early or
 * holds more than `size` bytes.
 *
 * @example
 * ```ts
 * import { streamSource, type TransferClient } from '@oss-cse/transfer';
 * declare const client: TransferClient;
 * const res = await fetch('https://example.com/big.bin');
 * const size = Number(res.headers.get('content-length'));
 * await client.upload('big.bin', streamSource(res.body!, size));
 * ```
 */
export function streamSource(stream: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>, size: number): PartSource {
  const reader = new ChunkReader(stream);
  let chain: Promise<unknown> = Promise.resolve();
  let consumed = 0;
  return {
    size,
    random: false,
    read(offset, length) {
      const next = chain.then(async () => {
        if (offset !== consumed)
          throw new OssCseError(
            'ERR_INVALID_ARGUMENT',
            `a stream source is read in order: asked for ${offset}, at ${consumed}`,
          );
        const bytes = await reader.read(length);
        consumed += bytes.length;
        if (bytes.length !== length) {
          throw new OssCseError(
            'ERR_SOURCE_CHANGED',
            `the stream ended after ${consumed} bytes, before the ${size} announced in "size"`,
          );
        }
        if (consumed === size && (await reader.read(1)).length > 0) {
          throw new OssCseError(
            'ERR_SOURCE_CHANGED',
            `the stream holds more than the ${size} bytes announced in "size"`,
          );
        }
        return bytes;
      });
      chain = next.catch(() => undefined);
      return next;
    },
    close: () => reader.close(),
  };
}

/**
 * Reads a byte stream in pieces of an exact size (shorter only at its end).
 *
 * @example
 * ```ts
 * import { ChunkReader } from '@oss-cse/transfer';
 * declare const stream: ReadableStream<Uint8Array>;
 * const reader = new ChunkReader(stream);
 * const first = await reader.read(8 * 1024 * 1024); // exactly 8 MiB unless the stream ends first
 * await reader.close();
 * ```
 */
export class ChunkReader {
  readonly #next: () => Promise<IteratorResult<Uint8Array>>;
  readonly #stop: () => Promise<void>;
  #pending: Uint8Array[] = [];
  #pendingLength = 0;
  #done = false;

  constructor(source: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>) {
    if (typeof ReadableStream !== 'undefined' && source instanceof ReadableStream) {
      const reader = source.getReader();
      this.#next = () => reader.read() as Promise<IteratorResult<Uint8Array>>;
      this.#stop = async () => {
        await reader.cancel().catch(() => undefined);
      };
    } else {
      const it = (source as AsyncIterable<Uint8Array>)[Symbol.asyncIterator]();
      this.#next = () => it.next();
      this.#stop = async () => {
        await it.return?.();
      };
    }
  }

  /** Up to `n` bytes; fewer only when the stream ended. */
  async read(n: number): Promise<Uint8Array> {
    while (this.#pendingLength < n && !this.#done) {
      const { done, value } = await this.#next();
      if (done) {
        this.#done = true;
        break;
      }
      if (!(value instanceof Uint8Array))
        throw new OssCseError('ERR_INVALID_ARGUMENT', 'stream chunks must be bytes (Uint8Array)');
      if (value.length === 0) continue;
      this.#pending.push(value);
      this.#pendingLength += value.length;
    }
    const take = Math.min(n, this.#pendingLength);
    const out = new Uint8Array(take);
    let filled = 0;
    while (filled < take) {
      const head = this.#pending[0]!;
      const n2 = Math.min(head.length, take - filled);
      out.set(head.subarray(0, n2), filled);
      filled += n2;
      if (n2 === head.length) this.#pending.shift();
      else this.#pending[0] = head.subarray(n2);
    }
    this.#pendingLength -= take;
    return out;
  }

  /** Stops the underlying stream early. */
  async close(): Promise<void> {
    this.#done = true;
    await this.#stop();
  }
}
