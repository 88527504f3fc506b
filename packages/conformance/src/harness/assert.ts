// The suite's assertions: each throws an AssertionError with an exact message, in every runtime.
import { isOssCseError, type OssCseErrorCode } from '@oss-cse/core';

export class AssertionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AssertionError';
  }
}

/** Throws unless `condition` holds. */
export function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new AssertionError(message);
}

/** Throws unless `actual` is `expected` (Object.is). */
export function equal<T>(actual: T, expected: T, what: string): void {
  if (!Object.is(actual, expected))
    throw new AssertionError(`${what}: expected ${show(expected)}, got ${show(actual)}`);
}

/** Throws unless both byte arrays are equal, naming the first difference. */
export function sameBytes(actual: Uint8Array, expected: Uint8Array, what: string): void {
  if (actual.length !== expected.length)
    throw new AssertionError(`${what}: expected ${expected.length} bytes, got ${actual.length}`);
  for (let i = 0; i < actual.length; i++) {
    if (actual[i] !== expected[i])
      throw new AssertionError(`${what}: bytes differ first at offset ${i} of ${actual.length}`);
  }
}

/** Awaits `action`, which must reject with an OssCseError of one of `codes`; returns that error. */
export async function rejectsWith(action: () => Promise<unknown>, codes: readonly OssCseErrorCode[], what: string) {
  let outcome: unknown;
  try {
    await action();
  } catch (e) {
    outcome = e;
    if (isOssCseError(e, ...codes)) return e;
  }
  throw new AssertionError(
    `${what}: expected a rejection with ${codes.join(' or ')}, got ${outcome === undefined ? 'success' : describeError(outcome)}`,
  );
}

/** `Name [CODE]: message` of anything thrown (no stack). */
export function describeError(e: unknown): string {
  if (isOssCseError(e)) return `${e.name} [${e.code}]: ${e.message}`;
  if (e instanceof Error) return `${e.name}: ${e.message}`;
  return `non-error thrown: ${String(e)}`;
}

function show(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : typeof value === 'bigint' ? `${value}n` : String(value);
}
