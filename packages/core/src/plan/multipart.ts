// Multipart plans (docs/format.md §5): every part but the last is exactly `partSize` (a multiple of 16), so part n
// starts at (n-1)*partSize and its counter is IV + (n-1)*partSize/16.
import { OssCseError } from '../errors.js';
import { assertSize } from '../util/assert.js';

/** Smallest part size of an encrypted multipart upload (100 KiB, the OSS minimum). */
export const MIN_PART_SIZE = 100 * 1024;
/** Largest part size OSS accepts (5 GiB). */
export const MAX_PART_SIZE = 5 * 1024 * 1024 * 1024;
/** Most parts of one multipart upload (10 000). */
export const MAX_PARTS = 10_000;
/** oss2's preferred part size before doubling. */
export const DEFAULT_PART_SIZE = 10 * 1024 * 1024;

/** One part of a multipart plan. */
export interface PartPlan {
  /** 1-based part number. */
  readonly partNumber: number;
  /** Plaintext (= ciphertext) offset of the part in the object; also its counter offset. */
  readonly offset: number;
  /** Plaintext (= ciphertext) bytes of the part. */
  readonly length: number;
}

/** The parts of an encrypted multipart upload: all `partSize` bytes but the last. */
export interface MultipartPlan {
  /** Plaintext bytes in all. */
  readonly dataSize: number;
  /** Bytes per part (a multiple of 16). */
  readonly partSize: number;
  /** Number of parts. */
  readonly partCount: number;
  /** The plan of part `n` (1-based). */
  part(partNumber: number): PartPlan;
  /** Every part, in order. */
  parts(): PartPlan[];
}

/**
 * The part size oss2 chooses for `dataSize`: `preferred` (10 MiB), doubled until 10,000 parts suffice, rounded
 * up to a multiple of 16 and to at least 100 KiB.
 *
 * @example
 * ```ts
 * import { autoPartSize } from '@oss-cse/core';
 * autoPartSize(1024 ** 4); // 1 TiB: a part size that needs at most 10 000 parts
 * ```
 */
export function autoPartSize(dataSize: number, preferred = DEFAULT_PART_SIZE): number {
  assertSize(dataSize, 'dataSize');
  assertSize(preferred, 'preferred');
  let size = Math.max(preferred, MIN_PART_SIZE);
  while (size * MAX_PARTS < dataSize) size *= 2;
  size = Math.ceil(size / 16) * 16;
  if (size > MAX_PART_SIZE) throw partError(`${dataSize} bytes need parts larger than 5 GiB`);
  return size;
}

/**
 * Checks a part size for an encrypted multipart upload.
 * @throws OssCseError ERR_INVALID_PART_SIZE naming the rule broken.
 *
 * @example
 * ```ts
 * import { validatePartSize } from '@oss-cse/core';
 * validatePartSize(100 * 1024 * 1024, 1000); // throws ERR_INVALID_PART_SIZE: not a multiple of 16
 * ```
 */
export function validatePartSize(dataSize: number, partSize: number): void {
  assertSize(dataSize, 'dataSize');
  if (typeof partSize !== 'number' || !Number.isSafeInteger(partSize) || partSize <= 0) {
    throw partError(`part size must be a positive integer, got ${String(partSize)}`);
  }
  if (partSize % 16 !== 0) throw partError(`part size ${partSize} is not a multiple of 16 (AES block)`);
  if (partSize < MIN_PART_SIZE)
    throw partError(`part size ${partSize} is below the 100 KiB (${MIN_PART_SIZE}) minimum`);
  if (partSize > MAX_PART_SIZE) throw partError(`part size ${partSize} is above the 5 GiB maximum`);
  if (Math.ceil(dataSize / partSize) > MAX_PARTS) {
    throw partError(`${dataSize} bytes in parts of ${partSize} make more than ${MAX_PARTS} parts`);
  }
}

/**
 * Plans an encrypted multipart upload; `partSize` defaults to {@link autoPartSize}.
 *
 * @example
 * ```ts
 * import { planMultipart } from '@oss-cse/core';
 * const plan = planMultipart({ dataSize: 20 * 1024 * 1024, partSize: 8 * 1024 * 1024 });
 * plan.partCount; // 3
 * plan.part(3); // the last part: 4 MiB at offset 16 MiB
 * ```
 */
export function planMultipart(options: { dataSize: number; partSize?: number | undefined }): MultipartPlan {
  const { dataSize } = options;
  const partSize = options.partSize ?? autoPartSize(dataSize);
  validatePartSize(dataSize, partSize);
  const partCount = Math.max(1, Math.ceil(dataSize / partSize));
  const part = (partNumber: number): PartPlan => {
    if (!Number.isSafeInteger(partNumber) || partNumber < 1 || partNumber > partCount) {
      throw partError(`part number ${partNumber} is outside 1..${partCount}`);
    }
    const offset = (partNumber - 1) * partSize;
    return { partNumber, offset, length: Math.min(partSize, dataSize - offset) };
  };
  return {
    dataSize,
    partSize,
    partCount,
    part,
    parts: () => Array.from({ length: partCount }, (_, i) => part(i + 1)),
  };
}

function partError(message: string): OssCseError {
  return new OssCseError('ERR_INVALID_PART_SIZE', message);
}
