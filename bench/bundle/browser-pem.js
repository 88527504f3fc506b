// Page: @oss-cse/browser uploading a File and downloading it, encrypted with a PEM RSA key (PKCS#1, PKCS#8 or SPKI).
import { RsaMasterKey } from '@oss-cse/core';
import { createClient } from '@oss-cse/browser';

globalThis.ossCseBundle = async ({ file, pem, bucket, region, credentials }) => {
  const keyring = await RsaMasterKey.import({ privateKey: pem });
  const client = createClient({ keyring, bucket, region, credentials });
  await client.upload(file.name, file);
  return (await client.get(file.name)).body;
};
