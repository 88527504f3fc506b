// KMS master keys in the page: requests are signed here with the STS token from the backend and sent through the
// KMS relay (KMS answers no CORS). Layout `oss2` (GenerateDataKey, read by oss2) or `sdk` (Encrypt, read by the
// Go/Java SDKs); both are read back whatever the choice.
import { KmsMasterKey, type KmsLayout } from '@oss-cse/kms';
import { fetchToken, type DemoConfig } from './api.js';

export const KMS_LAYOUTS: readonly KmsLayout[] = ['oss2', 'sdk'];

export function isKmsLayout(value: string): value is KmsLayout {
  return (KMS_LAYOUTS as readonly string[]).includes(value);
}

export function kmsMasterKey(kms: NonNullable<DemoConfig['kms']>, layout: KmsLayout): KmsMasterKey {
  return new KmsMasterKey({ endpoint: kms.relayUrl, credentials: fetchToken, keyId: kms.keyId, layout });
}

export function kmsLabel(kms: NonNullable<DemoConfig['kms']>, layout: KmsLayout): string {
  return `KMS key ${kms.keyId} (${layout} layout) through the relay ${kms.relayUrl}`;
}
