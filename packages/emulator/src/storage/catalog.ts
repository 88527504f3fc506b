import { createHash } from 'node:crypto';
import type { BlobStore } from './blob-store.js';
import type { JsonStore } from './json-store.js';
import type { BucketRecord, ObjectRecord, PartRecord, Segment, UploadRecord } from './records.js';

interface BucketState {
  record: BucketRecord;
  objects: Map<string, ObjectRecord>;
}

const objectDocName = (key: string): string => createHash('sha256').update(key, 'utf8').digest('hex');

/**
 * Buckets, objects and multipart uploads. State lives in memory and every change is written through to
 * the JSON store (one document per bucket, object and upload) before it is acknowledged.
 */
export class Catalog {
  private readonly buckets = new Map<string, BucketState>();
  private readonly uploads = new Map<string, UploadRecord>();
  /** Blobs being read (count of readers), and blobs whose deletion waits for those readers. */
  private readonly pinned = new Map<string, number>();
  private readonly doomed = new Set<string>();

  private constructor(
    private readonly json: JsonStore,
    readonly blobs: BlobStore,
  ) {}

  /** Loads every record, then removes blobs that no record references (left by a crash mid-write). */
  static async open(json: JsonStore, blobs: BlobStore): Promise<Catalog> {
    const catalog = new Catalog(json, blobs);
    for (const name of await json.list('buckets')) {
      const record = await json.load<BucketRecord>(`buckets/${name}`);
      if (!record) continue;
      const objects = new Map<string, ObjectRecord>();
      for (const doc of await json.list(`objects/${name}`)) {
        const obj = await json.load<ObjectRecord>(`objects/${name}/${doc}`);
        if (obj) objects.set(obj.key, obj);
      }
      catalog.buckets.set(name, { record, objects });
    }
    for (const id of await json.list('uploads')) {
      const upload = await json.load<UploadRecord>(`uploads/${id}`);
      if (upload) catalog.uploads.set(upload.uploadId, upload);
    }
    const live = new Set<string>();
    for (const { objects } of catalog.buckets.values()) for (const o of objects.values()) for (const s of o.segments) live.add(s.blob);
    for (const u of catalog.uploads.values()) for (const p of Object.values(u.parts)) live.add(p.blob);
    for (const id of await blobs.ids()) if (!live.has(id)) await blobs.remove(id);
    return catalog;
  }

  // Buckets

  getBucket(name: string): BucketRecord | undefined {
    return this.buckets.get(name)?.record;
  }

  listBuckets(): BucketRecord[] {
    return [...this.buckets.values()].map((b) => b.record).sort((a, b) => (a.name < b.name ? -1 : 1));
  }

  async saveBucket(record: BucketRecord): Promise<void> {
    const existing = this.buckets.get(record.name);
    if (existing) existing.record = record;
    else this.buckets.set(record.name, { record, objects: new Map() });
    await this.json.save(`buckets/${record.name}`, record);
  }

  async deleteBucket(name: string): Promise<void> {
    this.buckets.delete(name);
    await this.json.remove(`buckets/${name}`);
  }

  bucketIsEmpty(name: string): boolean {
    const state = this.buckets.get(name);
    return !state || (state.objects.size === 0 && this.listUploads(name).length === 0);
  }

  // Objects

  getObject(bucket: string, key: string): ObjectRecord | undefined {
    return this.buckets.get(bucket)?.objects.get(key);
  }

  /** Object records of a bucket sorted by key (UTF-8 byte order, as OSS lists). */
  listObjects(bucket: string): ObjectRecord[] {
    const objects = [...(this.buckets.get(bucket)?.objects.values() ?? [])];
    return objects.sort((a, b) => Buffer.compare(Buffer.from(a.key), Buffer.from(b.key)));
  }

  /** Stores (or replaces) an object; the replaced object's blobs are deleted. */
  async putObject(bucket: string, record: ObjectRecord): Promise<void> {
    const state = this.buckets.get(bucket);
    if (!state) throw new Error(`no bucket ${bucket}`);
    const previous = state.objects.get(record.key);
    state.objects.set(record.key, record);
    await this.json.save(`objects/${bucket}/${objectDocName(record.key)}`, record);
    if (previous) await this.removeBlobs(previous.segments.map((s) => s.blob), record.segments.map((s) => s.blob));
  }

  async deleteObject(bucket: string, key: string): Promise<boolean> {
    const state = this.buckets.get(bucket);
    const previous = state?.objects.get(key);
    if (!state || !previous) return false;
    state.objects.delete(key);
    await this.json.remove(`objects/${bucket}/${objectDocName(key)}`);
    await this.removeBlobs(previous.segments.map((s) => s.blob));
    return true;
  }

  // Multipart uploads

  getUpload(uploadId: string): UploadRecord | undefined {
    return this.uploads.get(uploadId);
  }

  listUploads(bucket: string): UploadRecord[] {
    return [...this.uploads.values()].filter((u) => u.bucket === bucket);
  }

  async saveUpload(upload: UploadRecord): Promise<void> {
    this.uploads.set(upload.uploadId, upload);
    await this.json.save(`uploads/${upload.uploadId}`, upload);
  }

  /** Records a part; a replaced part's blob is deleted. */
  async savePart(upload: UploadRecord, part: PartRecord): Promise<void> {
    const previous = upload.parts[String(part.partNumber)];
    upload.parts[String(part.partNumber)] = part;
    await this.json.save(`uploads/${upload.uploadId}`, upload);
    if (previous) await this.removeBlobs([previous.blob]);
  }

  /** Forgets an upload; `keepBlobs` are blobs now owned by a completed object. */
  async removeUpload(uploadId: string, keepBlobs: readonly string[] = []): Promise<void> {
    const upload = this.uploads.get(uploadId);
    if (!upload) return;
    this.uploads.delete(uploadId);
    await this.json.remove(`uploads/${uploadId}`);
    await this.removeBlobs(Object.values(upload.parts).map((p) => p.blob), keepBlobs);
  }

  /**
   * Bytes `[start, end]` (inclusive) of an object. Its blobs are pinned from this call until the stream ends, so
   * they stay readable even if the object is overwritten or deleted meanwhile (their deletion is deferred).
   */
  readObject(segments: readonly Segment[], start: number, end: number): AsyncIterable<Uint8Array> {
    const ids = segments.map((s) => s.blob);
    for (const id of ids) this.pinned.set(id, (this.pinned.get(id) ?? 0) + 1);
    return this.streamPinned(segments, ids, start, end);
  }

  private async *streamPinned(segments: readonly Segment[], ids: readonly string[], start: number, end: number): AsyncIterable<Uint8Array> {
    try {
      let offset = 0;
      for (const segment of segments) {
        const segStart = offset;
        const segEnd = offset + segment.size; // exclusive
        offset = segEnd;
        if (segEnd <= start || segStart > end) continue;
        yield* this.blobs.read(segment.blob, Math.max(start, segStart) - segStart, Math.min(end + 1, segEnd) - segStart);
      }
    } finally {
      for (const id of ids) {
        const left = (this.pinned.get(id) ?? 1) - 1;
        if (left > 0) this.pinned.set(id, left);
        else {
          this.pinned.delete(id);
          if (this.doomed.delete(id)) await this.blobs.remove(id);
        }
      }
    }
  }

  private async removeBlobs(ids: readonly string[], keep: readonly string[] = []): Promise<void> {
    for (const id of ids) {
      if (keep.includes(id)) continue;
      if (this.pinned.has(id)) this.doomed.add(id);
      else await this.blobs.remove(id);
    }
  }
}
