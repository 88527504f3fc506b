import type { Clock } from './contracts.js';

/** The server clock shared by OSS, STS and KMS: real time plus an adjustable offset (fault injection). */
export interface AdjustableClock extends Clock {
  /** Moves the clock by `deltaMs` (cumulative). */
  shift(deltaMs: number): void;
  /** The current offset from real time, in ms. */
  offset(): number;
  /** Back to real time. */
  reset(): void;
}

export function createClock(options: { base?: () => number; offsetMs?: number } = {}): AdjustableClock {
  const base = options.base ?? Date.now;
  let offsetMs = options.offsetMs ?? 0;
  return {
    now: () => base() + offsetMs,
    shift: (deltaMs) => {
      offsetMs += deltaMs;
    },
    offset: () => offsetMs,
    reset: () => {
      offsetMs = 0;
    },
  };
}
