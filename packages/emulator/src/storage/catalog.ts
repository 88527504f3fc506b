import { createHash } from 'node:crypto';
import { BlobReferences } from './blob-references.js';
import type { BlobStore } from './blob-store.js';
import type { JsonStore } from './json-store.js';
import { KeyedLock } from './keyed-lock.js';
import type { BucketRecord, ObjectRecord, PartRecord, Segment, UploadRecord } from './records.js';

/** Bytes of an object being read; its blobs stay pinned until the stream ends or `release()` is called. */
export interface ObjectReader extends AsyncIterable<Uint8Array> {
  /** Unpins the blobs (idempotent); for a reader that is dropped without being read to its end. */
  release(): Promise<void>;
}

interface BucketState {
  record: BucketRecord;
  objects: Map<string, ObjectRecord>;
}

const objectDocName = (key: string): string => createHash('sha256').update(key, 'utf8').digest('hex');

/**
 * Buckets, objects and multipart uploads. State lives in memory and every change is written through to
 * the JSON store (one document per bucket, object and upload) before it is acknowledged.
 *
 * Blobs are reference-counted: a blob is deleted only when no object segment and no upload part refers to it
 * any more and nobody is reading it, so whatever interleaving of requests, a stored object never loses a blob.
 */
export class Catalog {
  private readonly buckets = new Map<string, BucketState>();
  private readonly uploads = new Map<string, UploadRecord>();
  private readonly refs: BlobReferences;
  /** Complete, Abort and UploadPart's commit of one upload run one at a time. */
  private readonly uploadLocks = new KeyedLock();

  private constructor(
    private readonly json: JsonStore,
    readonly blobs: BlobStore,
  ) {
    this.refs = new BlobReferences(blobs);
  }

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
    for (const { objects } of catalog.buckets.values())
      for (const o of objects.values()) catalog.refs.reference(segmentBlobs(o.segments));
    for (const u of catalog.uploads.values()) catalog.refs.reference(partBlobs(u));
    for (const id of await blobs.ids()) if (!catalog.refs.isReferenced(id)) await blobs.remove(id);
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

  /** Stores (or replaces) an object; the replaced object's blobs are deleted unless something else uses them. */
  async putObject(bucket: string, record: ObjectRecord): Promise<void> {
    const state = this.buckets.get(bucket);
    if (!state) throw new Error(`no bucket ${bucket}`);
    const previous = state.objects.get(record.key);
    state.objects.set(record.key, record);
    this.refs.reference(segmentBlobs(record.segments));
    await this.json.save(`objects/${bucket}/${objectDocName(record.key)}`, record);
    if (previous) await this.refs.dereference(segmentBlobs(previous.segments));
  }

  async deleteObject(bucket: string, key: string): Promise<boolean> {
    const state = this.buckets.get(bucket);
    const previous = state?.objects.get(key);
    if (!state || !previous) return false;
    state.objects.delete(key);
    await this.json.remove(`objects/${bucket}/${objectDocName(key)}`);
    await this.refs.dereference(segmentBlobs(previous.segments));
    return true;
  }

  /**
   * New blobs with the bytes of `segments` (CopyObject). The sources stay pinned while they are copied; if one
   * copy fails, the copies already made are deleted.
   */
  async duplicateSegments(segments: readonly Segment[]): Promise<Segment[]> {
    const ids = segmentBlobs(segments);
    this.refs.pin(ids);
    const copies: Segment[] = [];
    try {
      for (const s of segments) copies.push({ blob: await this.blobs.duplicate(s.blob), size: s.size });
      return copies;
    } catch (err) {
      for (const c of copies) await this.blobs.remove(c.blob);
      throw err;
    } finally {
      await this.refs.unpin(ids);
    }
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

  /** Records a part; a replaced part's blob is deleted unless something else uses it. */
  async savePart(upload: UploadRecord, part: PartRecord): Promise<void> {
    const previous = upload.parts[String(part.partNumber)];
    upload.parts[String(part.partNumber)] = part;
    this.refs.reference([part.blob]);
    await this.json.save(`uploads/${upload.uploadId}`, upload);
    if (previous) await this.refs.dereference([previous.blob]);
  }

  /** Forgets an upload; its parts' blobs are deleted unless a completed object now uses them. */
  async removeUpload(uploadId: string): Promise<void> {
    const upload = this.uploads.get(uploadId);
    if (!upload) return;
    this.uploads.delete(uploadId);
    await this.json.remove(`uploads/${uploadId}`);
    await this.refs.dereference(partBlobs(upload));
  }

  /**
   * Runs `job` while no other job of the same upload runs (Complete, Abort, and UploadPart's commit): a job
   * that looks the upload up again inside sees the outcome of the ones before it.
   */
  withUpload<T>(uploadId: string, job: () => Promise<T>): Promise<T> {
    return this.uploadLocks.run(uploadId, job);
  }

  /**
   * Bytes `[start, end]` (inclusive) of an object. Its blobs are pinned from this call until the stream ends or
   * the reader is released, so they stay readable even if the object is overwritten or deleted meanwhile (their
   * deletion is deferred). A reader that is never iterated must be released.
   */
  readObject(segments: readonly Segment[], start: number, end: number): ObjectReader {
    const ids = segmentBlobs(segments);
    this.refs.pin(ids);
    let released = false;
    const release = async (): Promise<void> => {
      if (released) return;
      released = true;
      await this.refs.unpin(ids);
    };
    const stream = (): AsyncIterable<Uint8Array> => this.streamSegments(segments, start, end);
    return {
      release,
      async *[Symbol.asyncIterator]() {
        try {
          yield* stream();
        } finally {
          await release();
        }
      },
    };
  }

  private async *streamSegments(segments: readonly Segment[], start: number, end: number): AsyncIterable<Uint8Array> {
    let offset = 0;
    for (const segment of segments) {
      const segStart = offset;
      const segEnd = offset + segment.size; // exclusive
      offset = segEnd;
      if (segEnd <= start || segStart > end) continue;
      yield* this.blobs.read(segment.blob, Math.max(start, segStart) - segStart, Math.min(end + 1, segEnd) - segStart);
    }
  }
}

const segmentBlobs = (segments: readonly Segment[]): string[] => segments.map((s) => s.blob);
const partBlobs = (upload: UploadRecord): string[] => Object.values(upload.parts).map((p) => p.blob);
