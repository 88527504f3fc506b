import { RpcError, missingParameter } from '../rpc/errors.js';
import type { StsPolicyStatement } from '../shared/contracts.js';
import { parsePolicyDocument } from './policy.js';

export interface AssumeRoleInput {
  roleArn: string;
  sessionName: string;
  durationSeconds: number;
  policy?: StsPolicyStatement[];
}

export interface DurationLimits {
  minDurationSeconds: number;
  maxDurationSeconds: number;
}

const ROLE_ARN = /^acs:ram::(\d+|\*)?:role\/[\w.@-]{1,64}$/;
const SESSION_NAME = /^[\w.@-]{2,64}$/;
const DEFAULT_DURATION_SECONDS = 3600;

function parseDuration(raw: string | undefined, limits: DurationLimits): number {
  if (raw === undefined || raw === '') return Math.max(DEFAULT_DURATION_SECONDS, limits.minDurationSeconds);
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < limits.minDurationSeconds || value > limits.maxDurationSeconds) {
    throw new RpcError(
      'InvalidParameter.DurationSeconds',
      400,
      `The Min/Max value of DurationSeconds is ${limits.minDurationSeconds}s/${limits.maxDurationSeconds}s.`,
    );
  }
  return value;
}

/** Validates AssumeRole's parameters as STS does (`RoleArn`, `RoleSessionName`, `DurationSeconds`, `Policy`). */
export function parseAssumeRoleParams(params: ReadonlyMap<string, string>, limits: DurationLimits): AssumeRoleInput {
  const roleArn = params.get('RoleArn');
  if (!roleArn) throw missingParameter('RoleArn');
  if (!ROLE_ARN.test(roleArn))
    throw new RpcError('InvalidParameter.RoleArn', 400, 'The parameter RoleArn is wrongly formed.');
  const sessionName = params.get('RoleSessionName');
  if (!sessionName) throw missingParameter('RoleSessionName');
  if (!SESSION_NAME.test(sessionName)) {
    throw new RpcError('InvalidParameter.RoleSessionName', 400, 'The parameter RoleSessionName is wrongly formed.');
  }
  const input: AssumeRoleInput = {
    roleArn,
    sessionName,
    durationSeconds: parseDuration(params.get('DurationSeconds'), limits),
  };
  const policy = params.get('Policy');
  if (policy) input.policy = parsePolicyDocument(policy);
  return input;
}
