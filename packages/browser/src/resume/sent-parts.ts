// Whether a file still has, in every part a pending upload has sent, the bytes it had then: resuming otherwise
// would encrypt other bytes under the same data key and counter (a CTR key-stream reuse the server could see).
import { planMultipart } from '@oss-cse/core';
import type { PendingUpload } from './upload-store.js';

/**
 * True when every sent part's plaintext still hashes to the SHA-256 recorded before it was sent. A record
 * without the list (written by an older version, which did not note parts in flight) cannot be checked and is
 * not resumed; nor is one whose finished parts lack a hash.
 *
 * @param digest hex SHA-256 off the main thread (the Worker's `digest`).
 * @example
 * ```ts
 * if (!(await sentPartsUnchanged(file, record, (b) => worker.digest(b)))) await discard(ctx, record);
 * ```
 */
export async function sentPartsUnchanged(file: Blob, record: PendingUpload, digest: (blobs: Blob[]) => Promise<string>): Promise<boolean> {
  const sent = record.sent;
  if (sent === undefined) return false;
  const hashed = new Set(sent.map((p) => p.partNumber));
  if (record.parts.some((p) => !hashed.has(p.partNumber))) return false;
  const plan = planMultipart({ dataSize: file.size, partSize: record.partSize });
  // One part at a time: memory stays at one part whatever the number of parts sent.
  for (const { partNumber, sha256 } of sent) {
    if (partNumber > plan.partCount) return false;
    const { offset, length } = plan.part(partNumber);
    if ((await digest([file.slice(offset, offset + length)])) !== sha256) return false;
  }
  return true;
}
