import { formatRpcTimestamp } from '../rpc/timestamp.js';

export type KeyState = 'Enabled' | 'Disabled';

/** One customer master key (a single key version: the emulator does not rotate). */
export interface KmsKeyRecord {
  keyId: string;
  keyVersionId: string;
  /** base64 of the 32-byte AES-256-GCM master material. */
  material: string;
  state: KeyState;
  description: string;
  /** Epoch ms. */
  creationDate: number;
  aliases: string[];
}

export interface KeyArnContext {
  region: string;
  accountUid: string;
}

export function keyArn(key: KmsKeyRecord, context: KeyArnContext): string {
  return `acs:kms:${context.region}:${context.accountUid}:key/${key.keyId}`;
}

/** `KeyMetadata` as CreateKey and DescribeKey return it. */
export function keyMetadata(key: KmsKeyRecord, context: KeyArnContext): Record<string, string> {
  const created = formatRpcTimestamp(key.creationDate);
  return {
    Arn: keyArn(key, context),
    AutomaticRotation: 'Disabled',
    CreationDate: created,
    Creator: context.accountUid,
    DeleteDate: '',
    DeletionProtection: 'Disabled',
    Description: key.description,
    KeyId: key.keyId,
    KeySpec: 'Aliyun_AES_256',
    KeyState: key.state,
    KeyUsage: 'ENCRYPT/DECRYPT',
    LastRotationDate: created,
    MaterialExpireTime: '',
    Origin: 'Aliyun_KMS',
    PrimaryKeyVersion: key.keyVersionId,
    ProtectionLevel: 'SOFTWARE',
  };
}
