import type { AuthenticatedCall } from '../rpc/authenticate.js';
import { invalidParameter, missingParameter } from '../rpc/errors.js';
import type { RpcAction } from '../rpc/service-handler.js';
import { authorize, keysResource, type KmsActionContext } from './action-context.js';
import { keyArn, keyMetadata, type KmsKeyRecord } from './key-record.js';

function required(call: AuthenticatedCall, name: string): string {
  const value = call.params.get(name);
  if (!value) throw missingParameter(name);
  return value;
}

/** Resolves `KeyId` (id, alias or ARN) and checks the caller may act on it. */
export function authorizedKey(context: KmsActionContext, call: AuthenticatedCall): KmsKeyRecord {
  const key = context.keys.resolve(required(call, 'KeyId'));
  authorize(context, call, keyArn(key, context));
  return key;
}

function pageParameter(call: AuthenticatedCall, name: string, fallback: number, max: number): number {
  const raw = call.params.get(name);
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < 1 || value > max) throw invalidParameter(name);
  return value;
}

const CREATE_KEY_DEFAULTS: Readonly<Record<string, string>> = {
  KeyUsage: 'ENCRYPT/DECRYPT',
  KeySpec: 'Aliyun_AES_256',
  Origin: 'Aliyun_KMS',
  ProtectionLevel: 'SOFTWARE',
};

/** CreateKey, DescribeKey, EnableKey, DisableKey, ListKeys, CreateAlias. */
export function keyActions(context: KmsActionContext): Record<string, RpcAction> {
  return {
    async CreateKey(call) {
      authorize(context, call, keysResource(context));
      for (const [name, only] of Object.entries(CREATE_KEY_DEFAULTS)) {
        const value = call.params.get(name);
        if (value && value !== only) throw invalidParameter(name, `The emulator supports ${only} only.`);
      }
      const key = await context.keys.create({
        description: call.params.get('Description') ?? '',
        now: context.clock.now(),
      });
      return { KeyMetadata: keyMetadata(key, context) };
    },
    async DescribeKey(call) {
      return { KeyMetadata: keyMetadata(authorizedKey(context, call), context) };
    },
    async EnableKey(call) {
      await context.keys.setState(authorizedKey(context, call), 'Enabled');
      return {};
    },
    async DisableKey(call) {
      await context.keys.setState(authorizedKey(context, call), 'Disabled');
      return {};
    },
    async ListKeys(call) {
      authorize(context, call, keysResource(context));
      const pageNumber = pageParameter(call, 'PageNumber', 1, Number.MAX_SAFE_INTEGER);
      const pageSize = pageParameter(call, 'PageSize', 10, 100);
      const all = context.keys.list();
      const page = all.slice((pageNumber - 1) * pageSize, pageNumber * pageSize);
      return {
        Keys: { Key: page.map((key) => ({ KeyArn: keyArn(key, context), KeyId: key.keyId })) },
        PageNumber: pageNumber,
        PageSize: pageSize,
        TotalCount: all.length,
      };
    },
    async CreateAlias(call) {
      const alias = required(call, 'AliasName');
      await context.keys.addAlias(authorizedKey(context, call), alias);
      return {};
    },
  };
}
