import type { AdjustableClock } from '../shared/clock.js';
import {
  ruleMatches,
  type DelayRule,
  type FailRule,
  type FaultRule,
  type RequestFacts,
  type ResetRule,
} from './rules.js';

/** What the fault controller did so far, and the rules still active. */
export interface FaultStats {
  /** Requests answered with an injected error. */
  failed: number;
  /** Connections dropped. */
  reset: number;
  /** Requests delayed. */
  delayed: number;
  /** Times every STS token was expired. */
  stsExpirations: number;
  /** Times the server clock was moved. */
  clockShifts: number;
  /** Current clock offset in ms. */
  clockOffsetMs: number;
  /** The active rules: id, type, requests left (null: until removed) and hits so far. */
  rules: Array<{ id: number; type: FaultRule['type']; remaining: number | null; hits: number }>;
}

/** Faults chosen for one request. */
export interface InjectedFaults {
  delayMs: number;
  fail?: Required<Pick<FailRule, 'status' | 'code'>> & { message: string };
  resetAfterBytes?: number;
}

/** Fault injection: rules that fail, cut or delay matching requests, STS expiry and clock skew. */
export interface FaultController {
  /** Adds a rule; returns its id. */
  add(rule: FaultRule): number;
  /** Adds a `fail` rule; returns its id. */
  failNext(rule: Omit<FailRule, 'type'>): number;
  /** Adds a `reset` rule; returns its id. */
  resetConnection(rule: Omit<ResetRule, 'type'>): number;
  /** Adds a `delay` rule; returns its id. */
  delay(rule: Omit<DelayRule, 'type'>): number;
  /** Removes a rule; false when there was none with this id. */
  remove(id: number): boolean;
  /** Removes all rules (counters are kept). */
  clear(): void;
  /** Expires every STS token issued so far. */
  expireStsTokens(): Promise<void>;
  /** Moves the server clock (shared by OSS, STS and KMS) by `deltaMs`. */
  shiftClock(deltaMs: number): void;
  /** Counters and active rules. */
  stats(): FaultStats;
  /** Used by the server: consumes matching rules and counts them. */
  take(facts: RequestFacts): InjectedFaults;
}

interface ActiveRule {
  id: number;
  rule: FaultRule;
  remaining: number;
  hits: number;
}

export function createFaultController(options: {
  clock: AdjustableClock;
  expireStsTokens: () => Promise<void>;
}): FaultController {
  let nextId = 1;
  let active: ActiveRule[] = [];
  const counters = { failed: 0, reset: 0, delayed: 0, stsExpirations: 0, clockShifts: 0 };

  const add = (rule: FaultRule): number => {
    if (rule.type === 'delay' && !(rule.delayMs >= 0)) throw new Error('delay rules need delayMs >= 0');
    const count = rule.count === null || rule.count === undefined ? (rule.count === null ? Infinity : 1) : rule.count;
    if (!(count > 0)) throw new Error('count must be positive');
    const id = nextId++;
    active.push({ id, rule, remaining: count, hits: 0 });
    return id;
  };

  return {
    add,
    failNext: (rule) => add({ ...rule, type: 'fail' }),
    resetConnection: (rule) => add({ ...rule, type: 'reset' }),
    delay: (rule) => add({ ...rule, type: 'delay' }),
    remove(id) {
      const before = active.length;
      active = active.filter((r) => r.id !== id);
      return active.length < before;
    },
    clear() {
      active = [];
    },
    async expireStsTokens() {
      await options.expireStsTokens();
      counters.stsExpirations++;
    },
    shiftClock(deltaMs) {
      options.clock.shift(deltaMs);
      counters.clockShifts++;
    },
    stats: () => ({
      ...counters,
      clockOffsetMs: options.clock.offset(),
      rules: active.map((r) => ({
        id: r.id,
        type: r.rule.type,
        remaining: Number.isFinite(r.remaining) ? r.remaining : null,
        hits: r.hits,
      })),
    }),
    take(facts) {
      const result: InjectedFaults = { delayMs: 0 };
      const consume = (type: FaultRule['type']): ActiveRule | undefined => {
        const found = active.find((r) => r.rule.type === type && ruleMatches(r.rule, facts));
        if (!found) return undefined;
        found.remaining--;
        found.hits++;
        if (found.remaining <= 0) active = active.filter((r) => r !== found);
        return found;
      };
      const delay = consume('delay');
      if (delay) {
        result.delayMs = (delay.rule as DelayRule).delayMs;
        counters.delayed++;
      }
      const fail = consume('fail');
      if (fail) {
        const rule = fail.rule as FailRule;
        result.fail = {
          status: rule.status ?? 500,
          code: rule.code ?? 'InternalError',
          message: rule.message ?? 'Injected fault.',
        };
        counters.failed++;
        return result;
      }
      const reset = consume('reset');
      if (reset) {
        result.resetAfterBytes = (reset.rule as ResetRule).afterBytes ?? 0;
        counters.reset++;
      }
      return result;
    },
  };
}
