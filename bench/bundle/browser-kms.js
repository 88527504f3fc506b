// Page: @oss-cse/browser uploading a File and downloading it, its data keys protected by KMS (@oss-cse/kms).
import { createClient } from '@oss-cse/browser';
import { KmsMasterKey } from '@oss-cse/kms';

globalThis.ossCseBundle = async ({ file, keyId, relayUrl, bucket, region, credentials }) => {
  const keyring = new KmsMasterKey({ endpoint: relayUrl, credentials, keyId });
  const client = createClient({ keyring, bucket, region, credentials });
  await client.upload(file.name, file);
  return (await client.get(file.name)).body;
};
