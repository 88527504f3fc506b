// Progress bar (a TTY only, with rate and ETA) and result printing.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import cliProgress from 'cli-progress';
import type { TransferProgress } from '@oss-cse/transfer';

/** A progress listener drawing a bar on stderr when it is a TTY and progress is wanted; otherwise silent. */
export function progressBar(
  label: string,
  enabled: boolean,
): { onProgress: ((p: TransferProgress) => void) | undefined; stop(): void } {
  if (!enabled || !process.stderr.isTTY) return { onProgress: undefined, stop() {} };
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: `${label} {bar} {percentage}% | {done}/{size} | {rate} | ETA {eta_formatted} | parts {parts}`,
      hideCursor: true,
      etaBuffer: 20,
      fps: 5,
    },
    cliProgress.Presets.shades_classic,
  );
  const started = Date.now();
  let running = false;
  return {
    onProgress(p) {
      const payload = {
        done: formatBytes(p.bytesDone),
        size: formatBytes(p.bytesTotal),
        parts: `${p.partsDone}/${p.partsTotal}`,
        rate: `${formatBytes(p.bytesDone / Math.max(0.001, (Date.now() - started) / 1000))}/s`,
      };
      if (!running) {
        bar.start(Math.max(1, p.bytesTotal), p.bytesDone, payload);
        running = true;
      } else {
        bar.update(p.bytesDone, payload);
      }
    },
    stop() {
      if (running) bar.stop();
    },
  };
}

export function formatBytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = n;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${i === 0 ? v.toFixed(0) : v.toFixed(1)} ${units[i]}`;
}

/** Prints a result: JSON on `stream` with --json, else the human line on stderr. */
export function printResult(
  json: boolean,
  value: unknown,
  human: string,
  stream: NodeJS.WriteStream = process.stdout,
): void {
  if (json) stream.write(`${JSON.stringify(value, null, 2)}\n`);
  else process.stderr.write(`${human}\n`);
}

/**
 * Writes a body to stdout (`--out -`, `get … -`) without ending stdout: ending it shuts a socket down for every
 * process sharing it (a parent's spawn pipes are sockets), so the commands after this one in a script would get
 * EPIPE. Resolves once the last byte was handed to the operating system.
 */
export async function writeToStdout(body: ReadableStream<Uint8Array>, signal?: AbortSignal): Promise<void> {
  await pipeline(Readable.fromWeb(body as never), process.stdout, { end: false, ...(signal ? { signal } : {}) });
  await new Promise<void>((resolve, reject) => process.stdout.write('', (e) => (e ? reject(e) : resolve())));
}
