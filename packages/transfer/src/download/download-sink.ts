// Where a download's plaintext goes. Parts arrive out of order, so a sink writes at offsets; it keeps what it
// wrote somewhere temporary until `commit`, so a failed or interrupted download never leaves plaintext under the
// destination's name. Runtime adapters supply sinks (Node: a 0600 temporary file beside the destination, renamed
// when verified); the engine has a Blob sink.

/** Where `download` writes the plaintext, part by part at its offsets: a file (Node) or a Blob. */
export interface DownloadSink {
  /** Where the plaintext goes (a path, a name): part of the resume record, from which the sink derives its storage. */
  readonly destination: string;
  /**
   * Prepares `size` bytes of storage. With `resume` the sink keeps what an earlier run wrote and answers true, or
   * answers false when that is gone (the engine then starts over).
   */
  open(size: number, resume: boolean): Promise<boolean>;
  /** Writes plaintext at its offset. */
  write(offset: number, bytes: Uint8Array): Promise<void>;
  /** Everything written, in order (for the MD5 check of a complete download). */
  readBack(): ReadableStream<Uint8Array>;
  /** Makes the verified plaintext the destination (rename, fsync...). */
  commit(): Promise<void>;
  /** Gives up: removes the temporary storage unless `keep` (an interrupted resumable download). */
  abort(keep: boolean): Promise<void>;
}

/** A sink that assembles the plaintext in memory as a Blob (`sink.blob` after the download). */
export interface BlobSink extends DownloadSink {
  /** The plaintext, once the download has finished (undefined before). */
  readonly blob: Blob | undefined;
}

/**
 * @example
 * ```ts
 * import { blobSink, type TransferClient } from '@oss-cse/transfer';
 * declare const client: TransferClient, video: HTMLVideoElement;
 * const sink = blobSink({ type: 'video/mp4' });
 * await client.download('movie.mp4', sink);
 * video.src = URL.createObjectURL(sink.blob!);
 * ```
 */
export function blobSink(options: { type?: string; name?: string } = {}): BlobSink {
  let buffer: Uint8Array | undefined;
  let blob: Blob | undefined;
  return {
    destination: options.name ?? 'memory',
    get blob() {
      return blob;
    },
    async open(size) {
      buffer = new Uint8Array(size);
      blob = undefined;
      return false;
    },
    async write(offset, bytes) {
      buffer!.set(bytes, offset);
    },
    readBack() {
      const bytes = buffer!;
      return new ReadableStream({
        pull(controller) {
          controller.enqueue(bytes);
          controller.close();
        },
      });
    },
    async commit() {
      blob = new Blob([buffer! as Uint8Array<ArrayBuffer>], { type: options.type ?? 'application/octet-stream' });
      buffer = undefined;
    },
    async abort() {
      buffer = undefined;
    },
  };
}
