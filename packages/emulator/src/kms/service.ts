import { accountUid } from '../rpc/account-uid.js';
import { createRpcAuthenticator } from '../rpc/authenticate.js';
import { createRpcHandler } from '../rpc/service-handler.js';
import type { Account, Clock, PersistentJson, RpcRequest, RpcResponse } from '../shared/contracts.js';
import { popCallerResolver } from '../sts/caller-resolver.js';
import type { StsService } from '../sts/service.js';
import type { KmsActionContext } from './action-context.js';
import { withCors } from './cors.js';
import { cryptoActions } from './crypto-actions.js';
import { keyActions } from './key-actions.js';
import { keyArn } from './key-record.js';
import { KeyStore } from './key-store.js';

export interface KmsServiceOptions {
  account: Account;
  sts: Pick<StsService, 'checkToken' | 'policyAllows'>;
  clock: Clock;
  store: PersistentJson;
  /** Answer preflights and add Access-Control-Allow-Origin (real KMS sends no CORS headers). Default false. */
  cors?: boolean;
  /** Region in ARNs and HostId. Default `cn-hangzhou`. */
  region?: string;
}

export interface CreatedKey {
  keyId: string;
  keyVersionId: string;
  arn: string;
}

/** The emulated KMS (GenerateDataKey, Encrypt, Decrypt, DescribeKey, ...). */
export interface KmsService {
  /** The KMS 2016-01-20 RPC endpoint. */
  handle(req: RpcRequest): Promise<RpcResponse>;
  /** Creates a key without a signed request (emulator start-up, tests); optionally with an `alias/...`. */
  createKey(options?: { description?: string; alias?: string }): Promise<CreatedKey>;
  /** The region of its keys. */
  readonly region: string;
}

export const KMS_API_VERSION = '2016-01-20';

export async function createKmsService(options: KmsServiceOptions): Promise<KmsService> {
  const region = options.region ?? 'cn-hangzhou';
  const context: KmsActionContext = {
    keys: await KeyStore.load(options.store),
    clock: options.clock,
    sts: options.sts,
    region,
    accountUid: accountUid(options.account),
  };
  const handler = createRpcHandler({
    identity: { hostId: `kms.${region}.aliyuncs.com`, product: 'Kms' },
    version: KMS_API_VERSION,
    authenticate: createRpcAuthenticator({
      clock: options.clock,
      resolveCaller: popCallerResolver(options.account, options.sts),
    }),
    actions: { ...keyActions(context), ...cryptoActions(context) },
  });
  return {
    handle: options.cors ? withCors(handler) : handler,
    region,
    async createKey(request = {}) {
      const key = await context.keys.create({ ...request, now: options.clock.now() });
      return { keyId: key.keyId, keyVersionId: key.keyVersionId, arn: keyArn(key, context) };
    },
  };
}
