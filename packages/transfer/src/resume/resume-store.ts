// Where resume records live. Runtime adapters supply JSON files (Node) or IndexedDB (browsers); this module has
// the interface, the structural check every store applies to what it reads, and an in-memory store.
import { OssCseError } from '@oss-cse/core';
import { RECORD_VERSION, type ResumeRecord } from './records.js';

/** Where resume records are kept: JSON files (Node), IndexedDB (browsers) or memory. */
export interface ResumeStore {
  /** The record with this id, or undefined (also for a record of another version or shape). */
  load(id: string): Promise<ResumeRecord | undefined>;
  /** Replaces the record atomically. */
  save(record: ResumeRecord): Promise<void>;
  /** Forgets the record. */
  delete(id: string): Promise<void>;
  /** Every record (pending uploads and downloads). */
  list(): Promise<ResumeRecord[]>;
}

/** The fields of MultipartMaterial: the wrapped data key and IV, algorithms, description and sizes. */
const MATERIAL_FIELDS: ReadonlySet<string> = new Set([
  'wrapAlg',
  'cekAlg',
  'encryptedKey',
  'encryptedIv',
  'matDesc',
  'dataSize',
  'partSize',
]);

/**
 * A record read back from storage (or about to be stored), checked field by field: a record is data from disk,
 * never trusted blindly, and holds wrapped key material only.
 * @throws OssCseError ERR_CHECKPOINT when it is not a record of this version.
 *
 * @example
 * ```ts
 * import { checkRecord } from '@oss-cse/transfer';
 * declare const text: string; // a saved record
 * const record = checkRecord(JSON.parse(text)); // or ERR_CHECKPOINT
 * ```
 */
export function checkRecord(value: unknown): ResumeRecord {
  const r = value as Partial<ResumeRecord> | null;
  const bad = (what: string) => new OssCseError('ERR_CHECKPOINT', `resume record: ${what}`);
  if (typeof r !== 'object' || r === null) throw bad('not an object');
  if (r.version !== RECORD_VERSION) throw bad(`version ${String(r.version)}, expected ${RECORD_VERSION}`);
  for (const f of ['id', 'bucket', 'key'] as const)
    if (typeof r[f] !== 'string' || r[f] === '') throw bad(`missing ${f}`);
  const sizes = r.kind === 'upload' ? (['partSize', 'dataSize'] as const) : (['partSize', 'size'] as const);
  for (const f of sizes) {
    const v = (r as Record<string, unknown>)[f];
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) throw bad(`bad ${f}`);
  }
  if (r.kind === 'upload') {
    if (
      typeof r.uploadId !== 'string' ||
      !Array.isArray(r.parts) ||
      typeof r.material !== 'object' ||
      r.material === null ||
      typeof r.sent !== 'object' ||
      r.sent === null
    )
      throw bad('incomplete upload record');
    if (!Object.values(r.sent).every((h) => /^[0-9a-f]{64}$/.test(String(h)))) throw bad('bad sent part hash');
    // Wrapped key material only: a record never carries a plaintext key, whoever wrote it.
    for (const field of Object.keys(r.material))
      if (!MATERIAL_FIELDS.has(field)) throw bad(`material field "${field.slice(0, 40)}" is not wrapped key material`);
    for (const p of r.parts) {
      if (
        !Number.isSafeInteger(p?.partNumber) ||
        typeof p.etag !== 'string' ||
        !/^[0-9a-f]{64}$/.test(String(p.sha256))
      )
        throw bad('bad part');
    }
    return r as ResumeRecord;
  }
  if (r.kind === 'download') {
    if (
      typeof r.etag !== 'string' ||
      typeof r.destination !== 'string' ||
      typeof r.parts !== 'object' ||
      r.parts === null
    )
      throw bad('incomplete download record');
    return r as ResumeRecord;
  }
  throw bad(`unknown kind ${String((r as { kind?: unknown }).kind)}`);
}

/**
 * Records in memory, for one process (tests, Workers without storage).
 *
 * @example
 * ```ts
 * import { createClient, memoryResumeStore } from '@oss-cse/transfer';
 * import type { Keyring } from '@oss-cse/core';
 * declare const keyring: Keyring;
 * const resumeStore = memoryResumeStore(); // records live as long as the process
 * const client = createClient({ keyring, bucket: 'photos', region: 'cn-hangzhou', resumeStore });
 * ```
 */
export function memoryResumeStore(): ResumeStore {
  const records = new Map<string, string>();
  return {
    async load(id) {
      const text = records.get(id);
      return text === undefined ? undefined : checkRecord(JSON.parse(text));
    },
    async save(record) {
      records.set(record.id, JSON.stringify(checkRecord(record)));
    },
    async delete(id) {
      records.delete(id);
    },
    async list() {
      return [...records.values()].map((t) => checkRecord(JSON.parse(t)));
    },
  };
}
