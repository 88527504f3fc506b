// The fingerprint of an upload source: size, mtime, and SHA-256 of its first and last part. If any differs on
// resume, the file changed and the upload restarts under a fresh data key and IV. It is the cheap first check:
// a resume then re-hashes every part the checkpoint says was sent (`partHashes`, see client/upload.ts), which
// also catches a middle part changed with size and mtime kept.
import { createHash } from 'node:crypto';
import { open, stat } from 'node:fs/promises';

export interface SourceFingerprint {
  readonly size: number;
  readonly mtimeMs: number;
  readonly firstPartSha256: string;
  readonly lastPartSha256: string;
}

/** Fingerprints `path` for parts of `partSize` bytes. */
export async function fingerprintFile(path: string, partSize: number): Promise<SourceFingerprint> {
  const st = await stat(path);
  const size = st.size;
  const handle = await open(path, 'r');
  try {
    const hashRange = async (offset: number, length: number) => {
      const buf = Buffer.allocUnsafe(length);
      let done = 0;
      while (done < length) {
        const { bytesRead } = await handle.read(buf, done, length - done, offset + done);
        if (bytesRead === 0) break;
        done += bytesRead;
      }
      return createHash('sha256').update(buf.subarray(0, done)).digest('hex');
    };
    const firstLength = Math.min(partSize, size);
    const lastOffset = size === 0 ? 0 : Math.floor((size - 1) / partSize) * partSize;
    return {
      size,
      mtimeMs: st.mtimeMs,
      firstPartSha256: await hashRange(0, firstLength),
      lastPartSha256: await hashRange(lastOffset, size - lastOffset),
    };
  } finally {
    await handle.close();
  }
}

export function sameFingerprint(a: SourceFingerprint, b: SourceFingerprint): boolean {
  return a.size === b.size && a.mtimeMs === b.mtimeMs && a.firstPartSha256 === b.firstPartSha256 && a.lastPartSha256 === b.lastPartSha256;
}
