import { accountUid } from '../rpc/account-uid.js';
import { createRpcAuthenticator } from '../rpc/authenticate.js';
import { RpcError } from '../rpc/errors.js';
import { createRpcHandler } from '../rpc/service-handler.js';
import { formatRpcTimestamp } from '../rpc/timestamp.js';
import type {
  Account,
  Clock,
  ConditionContext,
  PersistentJson,
  RpcRequest,
  RpcResponse,
  StsPolicyStatement,
} from '../shared/contracts.js';
import { parseAssumeRoleParams, type AssumeRoleInput } from './assume-role-params.js';
import { popCallerResolver } from './caller-resolver.js';
import { callerIdentity } from './caller-identity.js';
import { newStsAccessKeyId, newStsAccessKeySecret } from './credential-ids.js';
import { policyAllows } from './policy.js';
import { roleId, roleNameOf } from './role.js';
import { loadStsState, saveStsState } from './state.js';
import { checkSecurityToken, type DetailedTokenCheck } from './token-check.js';
import { TokenSealer } from './token-sealer.js';

export interface StsServiceOptions {
  account: Account;
  clock: Clock;
  store: PersistentJson;
  /** Shortest DurationSeconds accepted (real STS: 900); the emulator may allow shorter tokens for tests. */
  minDurationSeconds?: number;
  /** Longest DurationSeconds accepted. Default 43200 (12 h, the STS maximum). */
  maxDurationSeconds?: number;
}

/** The `AssumeRole` response body (without `RequestId`). */
export interface AssumeRoleResult {
  AssumedRoleUser: { Arn: string; AssumedRoleId: string };
  Credentials: { AccessKeyId: string; AccessKeySecret: string; SecurityToken: string; Expiration: string };
}

/** Programmatic AssumeRole parameters (same rules as the RPC parameters). */
export interface AssumeRoleOptions {
  roleArn?: string;
  roleSessionName?: string;
  durationSeconds?: number;
  /** A RAM policy document, as JSON text or an object. */
  policy?: string | object;
}

/** The emulated STS (AssumeRole, GetCallerIdentity) and its token checks. */
export interface StsService {
  /** The STS 2015-04-01 RPC endpoint (AssumeRole, GetCallerIdentity). */
  handle(req: RpcRequest): Promise<RpcResponse>;
  /** Verifies a temporary AccessKeyId and its security token (tamper, mismatch, expiry, expireAllNow). */
  checkToken(accessKeyId: string, securityToken: string | undefined): DetailedTokenCheck;
  /** Expires every token issued so far (persisted: survives a restart). */
  expireAllNow(): Promise<void>;
  /** RAM evaluation of a token policy (see `policyAllows`). */
  policyAllows(
    policy: readonly StsPolicyStatement[] | undefined,
    action: string,
    resource: string,
    context?: ConditionContext,
  ): boolean;
  /** AssumeRole without a signed request (test set-up, admin routes). */
  assumeRole(options?: AssumeRoleOptions): Promise<AssumeRoleResult>;
  /** The account UID used in ARNs. */
  readonly accountUid: string;
}

export const STS_API_VERSION = '2015-04-01';
const DEFAULT_ROLE = 'oss-cse-emulator';

export async function createStsService(options: StsServiceOptions): Promise<StsService> {
  const { account, clock, store } = options;
  const limits = {
    minDurationSeconds: options.minDurationSeconds ?? 900,
    maxDurationSeconds: options.maxDurationSeconds ?? 43_200,
  };
  const state = await loadStsState(store);
  const sealer = new TokenSealer(Buffer.from(state.tokenKey, 'base64'));
  const uid = accountUid(account);

  function issue(input: AssumeRoleInput): AssumeRoleResult {
    const issuedAt = Math.floor(clock.now() / 1000) * 1000;
    const expiration = issuedAt + input.durationSeconds * 1000;
    const accessKeyId = newStsAccessKeyId();
    const accessKeySecret = newStsAccessKeySecret();
    const securityToken = sealer.seal({
      accessKeyId,
      accessKeySecret,
      expiration,
      issuedAt,
      generation: state.generation,
      roleArn: input.roleArn,
      sessionName: input.sessionName,
      ...(input.policy ? { policy: input.policy } : {}),
    });
    return {
      AssumedRoleUser: {
        Arn: `acs:ram::${uid}:role/${roleNameOf(input.roleArn)}/${input.sessionName}`,
        AssumedRoleId: `${roleId(input.roleArn)}:${input.sessionName}`,
      },
      Credentials: {
        AccessKeyId: accessKeyId,
        AccessKeySecret: accessKeySecret,
        SecurityToken: securityToken,
        Expiration: formatRpcTimestamp(expiration),
      },
    };
  }

  const checkToken = (accessKeyId: string, securityToken: string | undefined): DetailedTokenCheck =>
    checkSecurityToken({ sealer, generation: state.generation, now: clock.now() }, accessKeyId, securityToken);

  const handle = createRpcHandler({
    identity: { hostId: 'sts.aliyuncs.com', product: 'Sts' },
    version: STS_API_VERSION,
    authenticate: createRpcAuthenticator({
      clock,
      resolveCaller: popCallerResolver(account, { checkToken }),
    }),
    actions: {
      async AssumeRole(call) {
        if (call.caller.temporary) {
          throw new RpcError(
            'NoPermission',
            403,
            'You are not authorized to do this action. You should be authorized by RAM.',
          );
        }
        return issue(parseAssumeRoleParams(call.params, limits));
      },
      GetCallerIdentity: async (call) => callerIdentity(call.caller, uid, sealer),
    },
  });

  return {
    handle,
    accountUid: uid,
    checkToken,
    async expireAllNow() {
      state.generation += 1;
      await saveStsState(store, state);
    },
    policyAllows,
    async assumeRole(request = {}) {
      const params = new Map<string, string>([
        ['RoleArn', request.roleArn ?? `acs:ram::${uid}:role/${DEFAULT_ROLE}`],
        ['RoleSessionName', request.roleSessionName ?? 'emulator'],
      ]);
      if (request.durationSeconds !== undefined) params.set('DurationSeconds', String(request.durationSeconds));
      if (request.policy !== undefined) {
        params.set('Policy', typeof request.policy === 'string' ? request.policy : JSON.stringify(request.policy));
      }
      return issue(parseAssumeRoleParams(params, limits));
    },
  };
}
