import type { BlobStore } from '../../storage/blob-store.js';
import type { Segment } from '../../storage/records.js';

/** Bytes `[start, end]` (inclusive) of an object made of segments. */
export async function* readSegments(blobs: BlobStore, segments: readonly Segment[], start: number, end: number): AsyncIterable<Uint8Array> {
  let offset = 0;
  for (const segment of segments) {
    const segStart = offset;
    const segEnd = offset + segment.size; // exclusive
    offset = segEnd;
    if (segEnd <= start || segStart > end) continue;
    const from = Math.max(start, segStart) - segStart;
    const to = Math.min(end + 1, segEnd) - segStart;
    yield* blobs.read(segment.blob, from, to);
  }
}
