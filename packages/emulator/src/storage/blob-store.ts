import { createHash } from 'node:crypto';
import { createCrc64Wasm, type Crc64Hasher } from '@oss-cse/core';
import { OssErrors } from '../errors/catalog.js';

/** Result of storing one body: its id and the checksums OSS reports. */
export interface BlobInfo {
  id: string;
  size: number;
  /** Upper-case hex MD5. */
  md5Hex: string;
  /** CRC-64/XZ. */
  crc64: bigint;
}

export interface BlobWriteOptions {
  /** Bodies larger than this fail with EntityTooLarge. */
  maxBytes?: number;
}

/** Immutable byte blobs (object bodies and parts), streamed in and out. */
export interface BlobStore {
  write(source: AsyncIterable<Uint8Array>, options?: BlobWriteOptions): Promise<BlobInfo>;
  /** Bytes `[start, end)` of a blob. */
  read(id: string, start: number, end: number): AsyncIterable<Uint8Array>;
  /** A new blob with the same bytes. */
  duplicate(id: string): Promise<string>;
  remove(id: string): Promise<void>;
  /** Every stored blob id (used to sweep blobs that no record references). */
  ids(): Promise<string[]>;
}

/** Hashes a body while it is being stored (CRC-64 in WebAssembly: the PUT path's main cost). */
export class BodyDigest {
  private readonly md5 = createHash('md5');
  size = 0;

  private constructor(
    private readonly crc: Crc64Hasher,
    private readonly maxBytes: number,
  ) {}

  static async create(maxBytes = Number.POSITIVE_INFINITY): Promise<BodyDigest> {
    return new BodyDigest(await createCrc64Wasm(), maxBytes);
  }

  update(chunk: Uint8Array): void {
    this.size += chunk.length;
    if (this.size > this.maxBytes) throw OssErrors.entityTooLarge();
    this.md5.update(chunk);
    this.crc.update(chunk);
  }

  finish(id: string): BlobInfo {
    return { id, size: this.size, md5Hex: this.md5.digest('hex').toUpperCase(), crc64: this.crc.value() };
  }
}
