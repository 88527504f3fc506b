// Input shapes accepted by put/upload, and reading them in exact-size pieces.
import { Readable } from 'node:stream';
import { readFile } from 'node:fs/promises';
import { OssCseError, utf8 } from '@oss-cse/core';

/** Data for `put`: bytes, text (UTF-8), a Node or web stream, or `{ file }` to read a local file. */
export type PutData = Uint8Array | string | Readable | ReadableStream<Uint8Array> | { readonly file: string };

/** A source for `upload`: a file path, a Node or web stream, or bytes. */
export type UploadSource = string | Readable | ReadableStream<Uint8Array> | Uint8Array;

export function isStreamLike(v: unknown): v is Readable | ReadableStream<Uint8Array> {
  return v instanceof Readable || (typeof ReadableStream !== 'undefined' && v instanceof ReadableStream);
}

/** Everything `data` holds, as bytes. */
export async function dataToBytes(data: PutData): Promise<Uint8Array> {
  if (data instanceof Uint8Array) return data;
  if (typeof data === 'string') return utf8(data);
  if (isStreamLike(data)) return readAllBytes(data as AsyncIterable<Uint8Array>);
  if (typeof data === 'object' && data !== null && typeof (data as { file?: unknown }).file === 'string') {
    return new Uint8Array(await readFile((data as { file: string }).file));
  }
  throw new TypeError('"data" expected Uint8Array, string, Readable, ReadableStream or { file }');
}

async function readAllBytes(stream: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.isBuffer(c) ? c : Buffer.from(c));
  return Buffer.concat(chunks);
}

/** Reads an async byte stream in pieces of an exact size (shorter only at the end). */
export class ChunkReader {
  readonly #iterator: AsyncIterator<Uint8Array>;
  #pending: Buffer[] = [];
  #pendingLength = 0;
  #done = false;

  constructor(source: AsyncIterable<Uint8Array>) {
    this.#iterator = source[Symbol.asyncIterator]();
  }

  /** Up to `n` bytes; fewer only when the stream ended. */
  async read(n: number): Promise<Buffer> {
    while (this.#pendingLength < n && !this.#done) {
      const { done, value } = await this.#iterator.next();
      if (done) {
        this.#done = true;
        break;
      }
      if (!(value instanceof Uint8Array)) throw new OssCseError('ERR_INVALID_ARGUMENT', 'stream chunks must be bytes (Buffer or Uint8Array)');
      if (value.length === 0) continue;
      this.#pending.push(Buffer.isBuffer(value) ? value : Buffer.from(value.buffer, value.byteOffset, value.byteLength));
      this.#pendingLength += value.length;
    }
    const take = Math.min(n, this.#pendingLength);
    const all = this.#pending.length === 1 ? this.#pending[0]! : Buffer.concat(this.#pending, this.#pendingLength);
    const out = Buffer.from(all.subarray(0, take));
    const rest = all.subarray(take);
    this.#pending = rest.length ? [rest] : [];
    this.#pendingLength = rest.length;
    return out;
  }

  /** Stops the underlying stream early. */
  async close(): Promise<void> {
    this.#done = true;
    await this.#iterator.return?.();
  }
}
