// Master keys for the shared suites, made from the vectors' key pairs.
import { RsaMasterKey } from '../../src/keys/rsa-master-key.js';
import { WRAP_RSA_OAEP_SHA1, WRAP_RSA_PKCS1 } from '../../src/keys/master-key.js';
import { putVector, rsa1024, type KeyForms } from './vectors.js';

export const PRIVATE_FORMS = ['private_key_pkcs1_pem', 'private_key_pkcs8_pem'] as const;

export async function oss2Keys(): Promise<KeyForms> {
  return (await putVector('put-rsa-pkcs1v15-17-bytes')).keys!;
}

export async function oss2MasterKey(
  options: { oaep?: boolean; description?: Record<string, string> } = {},
): Promise<RsaMasterKey> {
  const keys = await oss2Keys();
  return RsaMasterKey.import({
    privateKey: keys.private_key_pkcs8_pem,
    wrapAlgorithm: options.oaep ? WRAP_RSA_OAEP_SHA1 : WRAP_RSA_PKCS1,
    ...(options.description ? { description: options.description } : {}),
  });
}

export async function rsa1024MasterKey(
  form: (typeof PRIVATE_FORMS)[number] = 'private_key_pkcs1_pem',
): Promise<RsaMasterKey> {
  return RsaMasterKey.import({ privateKey: (await rsa1024())[form] });
}
