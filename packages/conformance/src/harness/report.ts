// What a runtime hands back: one JSON document, the same shape from every runner.
import type { RuntimeName } from '../env.js';

export interface CaseResult {
  readonly name: string;
  readonly passed: boolean;
  /** Why it failed (error name, code and message; never a stack, never key material). */
  readonly message?: string;
  readonly ms: number;
}

export interface RuntimeReport {
  /** The runtime the runner was started for. */
  readonly runtime: RuntimeName;
  /** The runtime detected from the globals (a runner started in the wrong engine shows here). */
  readonly detected: string;
  readonly engine: string;
  readonly cases: readonly CaseResult[];
}

/** Reads a report back from its JSON text, refusing anything else. */
export function parseReport(text: string): RuntimeReport {
  const value = JSON.parse(text) as Partial<RuntimeReport> | null;
  if (!value || typeof value.runtime !== 'string' || !Array.isArray(value.cases)) {
    throw new TypeError(`not a conformance report: ${text.slice(0, 200)}`);
  }
  return value as RuntimeReport;
}

/** Runners that print (Deno, Bun) put the report on one stdout line behind this marker. */
export const REPORT_MARKER = 'OSS_CSE_CONFORMANCE_REPORT ';

/** The report line a printing runner writes. */
export function reportLine(report: RuntimeReport): string {
  return `${REPORT_MARKER}${JSON.stringify(report)}`;
}

/** Finds the report line in a runner's stdout. */
export function reportFromOutput(stdout: string): RuntimeReport {
  const line = stdout.split('\n').find((l) => l.startsWith(REPORT_MARKER));
  if (line === undefined)
    throw new TypeError(`the runner printed no report; its stdout ends with: ${stdout.slice(-500)}`);
  return parseReport(line.slice(REPORT_MARKER.length));
}
