// Runs cases one after another, each with a time limit, and turns every outcome into a CaseResult.
import { isOssCseError } from '@oss-cse/core';
import { supports } from '../env.js';
import type { ConformanceEnv } from '../context.js';
import type { Case } from './suite-api.js';
import type { CaseResult } from './report.js';
import { describeError } from './assert.js';

export interface RunCasesOptions {
  /** Time limit of one case. Default 60 s. */
  readonly timeoutMs?: number;
}

export async function runCases(
  cases: readonly Case[],
  env: ConformanceEnv,
  options: RunCasesOptions = {},
): Promise<CaseResult[]> {
  const results: CaseResult[] = [];
  for (const c of cases) {
    const started = Date.now();
    const message = await outcome(c, env, options.timeoutMs ?? 60_000);
    results.push({
      name: c.name,
      passed: message === undefined,
      ms: Date.now() - started,
      ...(message === undefined ? {} : { message }),
    });
  }
  return results;
}

/** undefined when the case passed, else why it failed. */
async function outcome(c: Case, env: ConformanceEnv, timeoutMs: number): Promise<string | undefined> {
  const lacking = c.requires !== undefined && !supports(env.runtime, c.requires) ? c.requires : undefined;
  try {
    await withTimeout(c.fn(), timeoutMs);
    return undefined;
  } catch (e) {
    if (lacking !== undefined && isOssCseError(e)) return undefined;
    const why = describeError(e);
    return lacking === undefined
      ? why
      : `${env.runtime} lacks "${lacking}": the case must work or reject with a typed OssCseError, got ${why}`;
  }
}

async function withTimeout(work: Promise<void>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  try {
    await Promise.race([work, limit]);
  } finally {
    clearTimeout(timer);
  }
}
