// Page: @oss-cse/transfer's createClient over the fetch transport (no ali-oss), a PEM RSA key, upload and get.
import { RsaMasterKey } from '@oss-cse/core';
import { createClient } from '@oss-cse/transfer';

globalThis.ossCseBundle = async ({ file, pem, bucket, region, credentials }) => {
  const keyring = await RsaMasterKey.import({ privateKey: pem });
  const client = createClient({ keyring, bucket, region, credentials });
  await client.upload(file.name, file);
  return (await client.get(file.name)).body;
};
