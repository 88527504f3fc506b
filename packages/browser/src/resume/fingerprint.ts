// A file's identity for resuming: name, size, lastModified and a hash of its first and last part, so a file
// changed in place (same name and size) is not resumed with stale parts.

export interface FileFingerprint {
  readonly name: string;
  readonly size: number;
  readonly lastModified: number;
  /** Hex SHA-256 of the first part followed by the last part. */
  readonly hash: string;
}

/**
 * @param digest computes the hash off the main thread (the Worker's `digest`).
 * @example
 * ```ts
 * const fp = await fingerprint(file, 8 << 20, (blobs) => worker.digest(blobs));
 * ```
 */
export async function fingerprint(blob: Blob, partSize: number, digest: (blobs: Blob[]) => Promise<string>): Promise<FileFingerprint> {
  const size = blob.size;
  const lastStart = size <= partSize ? size : (Math.ceil(size / partSize) - 1) * partSize;
  const blobs = [blob.slice(0, Math.min(partSize, size)), blob.slice(Math.max(lastStart, Math.min(partSize, size)), size)];
  const file = blob as Partial<File>;
  return { name: file.name ?? '', size, lastModified: file.lastModified ?? 0, hash: await digest(blobs) };
}

export function sameFingerprint(a: FileFingerprint, b: FileFingerprint): boolean {
  return a.name === b.name && a.size === b.size && a.lastModified === b.lastModified && a.hash === b.hash;
}
