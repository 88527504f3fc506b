// The demo's KMS key on the emulator: created once under an alias (the emulator persists its keys in its data
// directory, `.oss-cse/` for `npm start`), found again through DescribeKey on later starts.
import { KmsClient } from '@oss-cse/kms';

export const DEMO_KMS_ALIAS = 'alias/oss-cse-demo';

/**
 * @param {import('@oss-cse/emulator').Emulator} emulator
 * @returns {Promise<{ keyId: string, keyArn: string, created: boolean }>}
 */
export async function ensureDemoKmsKey(emulator) {
  try {
    const key = await emulator.kms.createKey({
      alias: DEMO_KMS_ALIAS,
      description: 'oss-cse demo: page uploads (KMS/ALICLOUD)',
    });
    return { keyId: key.keyId, keyArn: key.arn, created: true };
  } catch (e) {
    if (/** @type {{ code?: string }} */ (e).code !== 'Rejected.AliasExists') throw e;
  }
  const client = new KmsClient({
    endpoint: emulator.kmsEndpoint,
    credentials: { accessKeyId: emulator.accessKeyId, accessKeySecret: emulator.accessKeySecret },
  });
  const meta = await client.describeKey(DEMO_KMS_ALIAS);
  if (!meta.arn) throw new Error(`DescribeKey ${DEMO_KMS_ALIAS} answered without an Arn`);
  return { keyId: meta.keyId, keyArn: meta.arn, created: false };
}
