// Precondition helpers with exact messages for the public edge (TypeError for types, RangeError-like codes for sizes).
import { OssCseError } from '../errors.js';

/** Throws ERR_INVALID_ARGUMENT unless `cond` holds. */
export function needs(cond: unknown, message: string): asserts cond {
  if (!cond) throw new OssCseError('ERR_INVALID_ARGUMENT', message);
}

/** Asserts a Uint8Array, optionally of an exact length: `"key" expected Uint8Array of length 32, got length=16`. */
export function assertBytes(value: unknown, name: string, length?: number): asserts value is Uint8Array {
  if (!(value instanceof Uint8Array)) {
    throw new OssCseError('ERR_INVALID_ARGUMENT', `"${name}" expected Uint8Array, got ${describe(value)}`);
  }
  if (length !== undefined && value.length !== length) {
    throw new OssCseError(
      'ERR_INVALID_ARGUMENT',
      `"${name}" expected Uint8Array of length ${length}, got length=${value.length}`,
    );
  }
}

/** Asserts a safe non-negative integer. */
export function assertSize(value: unknown, name: string): asserts value is number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new OssCseError(
      'ERR_INVALID_ARGUMENT',
      `"${name}" expected a non-negative safe integer, got ${describe(value)}`,
    );
  }
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (v instanceof Uint8Array) return `${v.constructor.name} of length ${v.length}`;
  if (typeof v === 'object') return (v as object).constructor?.name ?? 'object';
  return `${typeof v} ${String(v).slice(0, 40)}`;
}
