import type { BlobStore } from './blob-store.js';

/**
 * When blobs may be deleted. A blob counts its references (object segments, upload parts) and its readers
 * (pins); it is deleted when the last reference goes, or, if it is being read then, when the last reader ends.
 */
export class BlobReferences {
  private readonly refs = new Map<string, number>();
  private readonly pinned = new Map<string, number>();
  /** Unreferenced blobs whose deletion waits for their readers. */
  private readonly doomed = new Set<string>();

  constructor(private readonly blobs: BlobStore) {}

  isReferenced(id: string): boolean {
    return this.refs.has(id);
  }

  reference(ids: readonly string[]): void {
    for (const id of ids) increment(this.refs, id);
  }

  /** Drops one reference to each blob; a blob nothing refers to any more is deleted (or doomed while read). */
  async dereference(ids: readonly string[]): Promise<void> {
    for (const id of ids) {
      if (!decrement(this.refs, id)) continue;
      if (this.pinned.has(id)) this.doomed.add(id);
      else await this.blobs.remove(id);
    }
  }

  pin(ids: readonly string[]): void {
    for (const id of ids) increment(this.pinned, id);
  }

  async unpin(ids: readonly string[]): Promise<void> {
    for (const id of ids) {
      if (decrement(this.pinned, id) && this.doomed.delete(id) && !this.refs.has(id)) await this.blobs.remove(id);
    }
  }
}

function increment(counts: Map<string, number>, id: string): void {
  counts.set(id, (counts.get(id) ?? 0) + 1);
}

/** Counts one down; true when it reached zero (the entry is gone). */
function decrement(counts: Map<string, number>, id: string): boolean {
  const left = (counts.get(id) ?? 1) - 1;
  if (left > 0) counts.set(id, left);
  else counts.delete(id);
  return left <= 0;
}
