import { buildAcs3Request, buildV1Request, type V1CallOptions } from '../../src/rpc/signer.js';
import { ManualClock, MemoryJsonStore } from './rpc-doubles.js';
import type { RpcRequest } from '../../src/shared/contracts.js';
import { createStsService, type StsService } from '../../src/sts/service.js';
import { createKmsService, KMS_API_VERSION, type KmsService } from '../../src/kms/service.js';

export const account = { accessKeyId: 'LTAI-kms-test', accessKeySecret: 'kms-test-secret' };
export const T0 = Date.parse('2024-01-02T03:04:05Z');

export interface Credentials {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken?: string;
}

export interface KmsReply {
  status: number;
  headers: Record<string, string>;
  json: Record<string, any>;
}

/** A KMS (and its STS) on an in-memory store, with a client that signs V1 or ACS3 requests. */
export class KmsHarness {
  private constructor(
    readonly clock: ManualClock,
    readonly store: MemoryJsonStore,
    readonly sts: StsService,
    readonly kms: KmsService,
  ) {}

  static async start(
    options: { cors?: boolean; store?: MemoryJsonStore; clock?: ManualClock } = {},
  ): Promise<KmsHarness> {
    const clock = options.clock ?? new ManualClock(T0);
    const store = options.store ?? new MemoryJsonStore();
    const sts = await createStsService({ account, clock, store, minDurationSeconds: 1 });
    const kms = await createKmsService({
      account,
      sts,
      clock,
      store,
      ...(options.cors === undefined ? {} : { cors: options.cors }),
    });
    return new KmsHarness(clock, store, sts, kms);
  }

  /** A new service instance on the same store and clock: what an emulator restart does. */
  restart(): Promise<KmsHarness> {
    return KmsHarness.start({ store: this.store, clock: this.clock });
  }

  v1(
    action: string,
    params: Record<string, string> = {},
    options: Partial<V1CallOptions> & { credentials?: Credentials } = {},
  ): RpcRequest {
    const { credentials = account, ...rest } = options;
    return buildV1Request({ action, version: KMS_API_VERSION, params, ...credentials, now: this.clock.now(), ...rest });
  }

  acs3(
    action: string,
    params: Record<string, string> = {},
    credentials: Credentials = account,
    placement: 'query' | 'form' = 'query',
  ): RpcRequest {
    return buildAcs3Request({
      action,
      version: KMS_API_VERSION,
      params,
      ...credentials,
      now: this.clock.now(),
      host: 'localhost:9000',
      placement,
    });
  }

  async send(request: RpcRequest): Promise<KmsReply> {
    const response = await this.kms.handle(request);
    return {
      status: response.status,
      headers: response.headers,
      json: response.body ? (JSON.parse(response.body) as Record<string, any>) : {},
    };
  }

  /** Signs (V1, query) and sends. */
  call(action: string, params: Record<string, string> = {}, credentials: Credentials = account): Promise<KmsReply> {
    return this.send(this.v1(action, params, { credentials }));
  }

  async stsCredentials(policy?: object, durationSeconds = 3600): Promise<Credentials> {
    const result = await this.sts.assumeRole({ durationSeconds, ...(policy ? { policy } : {}) });
    const { AccessKeyId, AccessKeySecret, SecurityToken } = result.Credentials;
    return { accessKeyId: AccessKeyId, accessKeySecret: AccessKeySecret, securityToken: SecurityToken };
  }
}
