// A download's DownloadSink in Node: the plaintext goes to a 0600 temporary file beside the destination (a
// StagedFile), whose name is derived from the destination alone (never read from a resume record, so a record
// cannot redirect, move or delete a file), written at each part's offset, read back for the MD5 check, and renamed
// into place only once the engine verified everything. A failure removes it, unless the download is resumable
// (then it stays, 0600, for the next run).
import { createHash } from 'node:crypto';
import { basename, resolve } from 'node:path';
import type { DownloadSink } from '@oss-cse/transfer';
import { StagedFile } from './staged-file.js';
import { writeAt } from './write-at.js';

/** Options of {@link fileSink}. */
export interface FileSinkOptions {
  /** Replace an existing destination (atomically, once verified). Default false: ERR_DESTINATION_EXISTS. */
  readonly overwrite?: boolean | undefined;
  /** The temporary file outlives a failure and the process (the client keeps resume records). Default false. */
  readonly resumable?: boolean | undefined;
}

/** Bytes per read when the engine reads the plaintext back. */
const READ_BACK = 1024 * 1024;

/**
 * @example
 * ```ts
 * import { fileSink, type NodeClient } from '@oss-cse/node';
 * declare const client: NodeClient;
 * await client.download('movie.mp4', fileSink('/data/movie.mp4', { overwrite: true }));
 * ```
 */
export function fileSink(path: string, options: FileSinkOptions = {}): DownloadSink {
  const destination = resolve(path);
  let staged: StagedFile | undefined;
  const file = () => {
    if (!staged) throw new Error('the sink is not open');
    return staged;
  };
  return {
    destination,
    async open(size, resume) {
      staged = await StagedFile.open(destination, {
        overwrite: options.overwrite === true,
        tempName: tempName(destination),
        resumable: options.resumable === true,
        resumeSize: resume ? size : undefined,
      });
      if (!staged.resumed) await staged.handle.truncate(size);
      return staged.resumed;
    },
    write(offset, bytes) {
      return writeAt(file().handle, bytes, offset);
    },
    readBack() {
      const { handle } = file();
      let position = 0;
      return new ReadableStream<Uint8Array>({
        async pull(controller) {
          const buffer = Buffer.allocUnsafe(READ_BACK);
          const { bytesRead } = await handle.read(buffer, 0, READ_BACK, position);
          if (bytesRead === 0) return controller.close();
          position += bytesRead;
          controller.enqueue(buffer.subarray(0, bytesRead));
        },
      });
    },
    commit() {
      return file().commit();
    },
    async abort(keep) {
      if (!staged) return;
      if (keep) await staged.keep();
      else await staged.discard();
    },
  };
}

/** The temporary file's name beside `destination`: a function of the destination only. */
function tempName(destination: string): string {
  return `.${basename(destination)}.${createHash('sha256').update(destination).digest('hex').slice(0, 12)}.oss-cse-download`;
}
