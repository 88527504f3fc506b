import { OssErrors } from '../../errors/catalog.js';

export interface ByteRange {
  start: number;
  /** Inclusive. */
  end: number;
}

/**
 * Resolves a `Range` header against an object size, as OSS does.
 * Default behaviour: any invalid or unsatisfiable range is ignored (200 + whole object) → null.
 * `x-oss-range-behavior: standard`: an end past the size is clamped, a start ≥ size is 416 InvalidRange.
 */
export function resolveRange(header: string | undefined, size: number, standard: boolean): ByteRange | null {
  if (header === undefined) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) {
    if (standard && /^bytes=/.test(header.trim())) throw OssErrors.invalidRange();
    return null;
  }
  const [, rawStart, rawEnd] = m as unknown as [string, string, string];
  if (rawStart === '') {
    // Suffix range: the last N bytes.
    const n = Number(rawEnd);
    if (n === 0) {
      if (standard) throw OssErrors.invalidRange();
      return null;
    }
    if (n > size) {
      if (!standard) return null;
      if (size === 0) throw OssErrors.invalidRange();
      return { start: 0, end: size - 1 };
    }
    return { start: size - n, end: size - 1 };
  }
  const start = Number(rawStart);
  let end = rawEnd === '' ? size - 1 : Number(rawEnd);
  if (rawEnd !== '' && end < start) {
    if (standard) throw OssErrors.invalidRange();
    return null;
  }
  if (start >= size) {
    if (standard) throw OssErrors.invalidRange();
    return null;
  }
  if (end >= size) {
    if (!standard && rawEnd !== '') return null;
    end = size - 1;
  }
  return { start, end };
}
