// Errors cross postMessage as plain data and come back as OssCseError with the same code.
import { OssCseError, type OssCseErrorCode } from '@oss-cse/core';
import type { SerializedError } from './protocol.js';

export function serializeError(e: unknown): SerializedError {
  if (e instanceof OssCseError)
    return { name: e.name, message: e.message, code: e.code, details: e.details ? { ...e.details } : undefined };
  if (e instanceof Error) return { name: e.name, message: e.message };
  return { name: 'Error', message: String(e) };
}

export function deserializeError(s: SerializedError): Error {
  if (s.code) return new OssCseError(s.code as OssCseErrorCode, s.message, s.details ? { details: s.details } : {});
  const e =
    s.name === 'TypeError'
      ? new TypeError(s.message)
      : s.name === 'RangeError'
        ? new RangeError(s.message)
        : new Error(s.message);
  if (!(e instanceof TypeError) && !(e instanceof RangeError)) e.name = s.name;
  return e;
}
