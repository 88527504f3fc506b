// RAM `Condition` blocks of token policies: the string and numeric operators, on the condition keys OSS sets for
// ListObjects. The values of one key are OR; keys and operators are AND; a key the request does not carry fails
// its condition (whatever the operator), so an Allow does not grant and a Deny does not deny.
import type { ConditionContext, StsPolicyCondition } from '../shared/contracts.js';
import { grammarError } from './policy-grammar.js';
import { wildcardMatch } from './wildcard.js';

/** The condition keys the emulator fills in (ListObjects V1/V2: `prefix`, `delimiter`, `max-keys`). */
export const CONDITION_KEYS = ['oss:Prefix', 'oss:Delimiter', 'oss:MaxKeys'] as const;

interface Operator {
  readonly numeric: boolean;
  /** The Not forms: the condition holds when no value matches. */
  readonly negated: boolean;
  readonly test: (actual: string, expected: string) => boolean;
}

const NUMBER = /^-?\d+(\.\d+)?$/;
const toNumber = (text: string): number | undefined => (NUMBER.test(text) ? Number(text) : undefined);

const stringOp = (negated: boolean, test: Operator['test']): Operator => ({ numeric: false, negated, test });
const numericOp = (negated: boolean, compare: (actual: number, expected: number) => boolean): Operator => ({
  numeric: true,
  negated,
  test: (actual, expected) => compare(Number(actual), Number(expected)),
});
const equalsIgnoringCase = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();
const like = (actual: string, pattern: string): boolean => wildcardMatch(pattern, actual, false);

const OPERATORS = new Map<string, Operator>([
  ['StringEquals', stringOp(false, (a, e) => a === e)],
  ['StringNotEquals', stringOp(true, (a, e) => a === e)],
  ['StringEqualsIgnoreCase', stringOp(false, equalsIgnoringCase)],
  ['StringNotEqualsIgnoreCase', stringOp(true, equalsIgnoringCase)],
  ['StringLike', stringOp(false, like)],
  ['StringNotLike', stringOp(true, like)],
  ['NumericEquals', numericOp(false, (a, e) => a === e)],
  ['NumericNotEquals', numericOp(true, (a, e) => a === e)],
  ['NumericLessThan', numericOp(false, (a, e) => a < e)],
  ['NumericLessThanEquals', numericOp(false, (a, e) => a <= e)],
  ['NumericGreaterThan', numericOp(false, (a, e) => a > e)],
  ['NumericGreaterThanEquals', numericOp(false, (a, e) => a >= e)],
]);

/** Condition key names are case-insensitive in RAM; the parsed policy keeps the spelling of `CONDITION_KEYS`. */
const KEYS = new Map<string, string>(CONDITION_KEYS.map((key) => [key.toLowerCase(), key]));

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function conditionValues(raw: unknown, operator: Operator): string[] {
  const list = Array.isArray(raw) ? raw : [raw];
  const values = list.map((v) =>
    typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined,
  );
  if (values.length === 0 || values.some((v) => v === undefined)) {
    throw grammarError('Condition values must be a string, number or boolean, or a non-empty array of them.');
  }
  if (operator.numeric && values.some((v) => toNumber(v as string) === undefined)) {
    throw grammarError('Numeric condition operators need numeric values.');
  }
  return values as string[];
}

/** Parses a statement's `Condition` block (`{ "<operator>": { "<key>": value | [values] } }`). */
export function parseConditions(raw: unknown): StsPolicyCondition[] {
  if (!isPlainObject(raw) || Object.keys(raw).length === 0)
    throw grammarError('Condition must be an object naming at least one operator.');
  const conditions: StsPolicyCondition[] = [];
  for (const [name, block] of Object.entries(raw)) {
    const operator = OPERATORS.get(name);
    if (!operator)
      throw grammarError(`Condition operators supported by the emulator: ${[...OPERATORS.keys()].join(', ')}.`);
    if (!isPlainObject(block) || Object.keys(block).length === 0)
      throw grammarError('Each condition operator must map at least one condition key to its values.');
    for (const [rawKey, values] of Object.entries(block)) {
      const key = KEYS.get(rawKey.toLowerCase());
      if (!key) throw grammarError(`Condition keys supported by the emulator: ${CONDITION_KEYS.join(', ')}.`);
      conditions.push({ operator: name, key, values: conditionValues(values, operator) });
    }
  }
  return conditions;
}

function conditionHolds(condition: StsPolicyCondition, context: ConditionContext): boolean {
  const operator = OPERATORS.get(condition.operator);
  const actual = Object.hasOwn(context, condition.key) ? context[condition.key] : undefined;
  if (!operator || actual === undefined) return false;
  if (operator.numeric && toNumber(actual) === undefined) return false;
  const matched = condition.values.some((expected) => operator.test(actual, expected));
  return operator.negated ? !matched : matched;
}

/** True when every condition holds for the request's context (no conditions: true). */
export function conditionsHold(
  conditions: readonly StsPolicyCondition[] | undefined,
  context: ConditionContext,
): boolean {
  return (conditions ?? []).every((condition) => conditionHolds(condition, context));
}
