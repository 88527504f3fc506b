// head and ls never unwrap: they run with a master key that refuses every use.
import { OssCseError, WRAP_RSA_PKCS1, type MasterKey } from '@oss-cse/core';

export function readOnlyKeyring(): MasterKey {
  const refuse = async (): Promise<never> => {
    throw new OssCseError('ERR_NO_MATCHING_KEY', 'this command reads metadata only and has no key');
  };
  return {
    wrapAlgorithm: WRAP_RSA_PKCS1,
    description: {},
    canUnwrap: false,
    supportsUnwrap: () => false,
    wrap: refuse,
    unwrap: refuse,
  };
}
