// CLI failures: usage errors exit 2, everything else 1, always as one line `oss-cse: <CODE>: <message>`.
import { OssCseError } from '@oss-cse/core';

/** A command-line mistake (exit code 2). */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** The exit code and the one stderr line for an error. */
export function describeFailure(e: unknown): { exitCode: number; line: string } {
  if (e instanceof UsageError) return { exitCode: 2, line: `oss-cse: ERR_USAGE: ${e.message}` };
  if (e instanceof OssCseError) return { exitCode: 1, line: `oss-cse: ${e.code}: ${oneLine(e.message)}` };
  const code = typeof (e as { code?: unknown })?.code === 'string' ? (e as { code: string }).code : 'ERR_INTERNAL';
  const message = e instanceof Error ? e.message : String(e);
  return { exitCode: 1, line: `oss-cse: ${code}: ${oneLine(message)}` };
}

function oneLine(s: string): string {
  return s.replace(/\s*\n\s*/g, ' ').trim();
}
