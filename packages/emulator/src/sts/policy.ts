import { RpcError } from '../rpc/errors.js';
import type { ConditionContext, StsPolicyStatement } from '../shared/contracts.js';
import { conditionsHold, parseConditions } from './conditions.js';
import { grammarError } from './policy-grammar.js';
import { wildcardMatch } from './wildcard.js';

/** AssumeRole `Policy` is limited to 2048 characters by STS. */
export const MAX_POLICY_LENGTH = 2048;

function stringList(value: unknown, field: string): string[] {
  const list = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(list) || list.length === 0 || !list.every((x) => typeof x === 'string' && x.length > 0)) {
    throw grammarError(`${field} must be a non-empty string or array of non-empty strings.`);
  }
  return list as string[];
}

const UNSUPPORTED = ['NotAction', 'NotResource', 'Principal'];

function parseStatement(raw: unknown): StsPolicyStatement {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw grammarError('Each Statement must be an object.');
  const statement = raw as Record<string, unknown>;
  const unsupported = UNSUPPORTED.filter((name) => name in statement);
  if (unsupported.length > 0) throw grammarError(`${unsupported.join(', ')} is not supported by the emulator.`);
  const effect = statement['Effect'];
  if (effect !== 'Allow' && effect !== 'Deny') throw grammarError('Effect must be Allow or Deny.');
  return {
    effect,
    actions: stringList(statement['Action'], 'Action'),
    resources: stringList(statement['Resource'], 'Resource'),
    ...('Condition' in statement ? { conditions: parseConditions(statement['Condition']) } : {}),
  };
}

/** Parses a RAM policy document (`{Version:"1", Statement:[{Effect, Action, Resource, Condition?}]}`). */
export function parsePolicyDocument(text: string): StsPolicyStatement[] {
  if (text.length > MAX_POLICY_LENGTH) {
    throw new RpcError(
      'InvalidParameter.PolicySize',
      400,
      `The parameter Policy exceeds the limit of ${MAX_POLICY_LENGTH} characters.`,
    );
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    throw grammarError('The policy is not valid JSON.');
  }
  if (typeof document !== 'object' || document === null || Array.isArray(document))
    throw grammarError('The policy must be an object.');
  const { Version: version, Statement: statements } = document as Record<string, unknown>;
  if (version !== undefined && version !== '1') throw grammarError('Version must be "1".');
  const list = Array.isArray(statements) ? statements : statements === undefined ? [] : [statements];
  if (list.length === 0) throw grammarError('Statement is required.');
  return list.map(parseStatement);
}

function statementMatches(
  statement: StsPolicyStatement,
  action: string,
  resource: string,
  context: ConditionContext,
): boolean {
  return (
    statement.actions.some((pattern) => wildcardMatch(pattern, action, true)) &&
    statement.resources.some((pattern) => wildcardMatch(pattern, resource, false)) &&
    conditionsHold(statement.conditions, context)
  );
}

/**
 * RAM evaluation of a token policy: an explicit Deny wins, then any Allow; nothing matching denies.
 * No policy (undefined) allows everything the role may do. Actions match case-insensitively, resources
 * case-sensitively; `*` and `?` are wildcards in both. A statement with a Condition applies only when its
 * conditions hold for `context` (the request's condition keys, see `conditions.ts`).
 */
export function policyAllows(
  policy: readonly StsPolicyStatement[] | undefined,
  action: string,
  resource: string,
  context: ConditionContext = {},
): boolean {
  if (policy === undefined) return true;
  const matching = policy.filter((statement) => statementMatches(statement, action, resource, context));
  return matching.length > 0 && matching.every((statement) => statement.effect === 'Allow');
}
