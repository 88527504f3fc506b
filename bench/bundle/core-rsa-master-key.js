// @oss-cse/core's RsaMasterKey alone: importing a PEM key and wrapping a data key.
import { RsaMasterKey } from '@oss-cse/core';

globalThis.ossCseBundle = async ({ pem }) => {
  const key = await RsaMasterKey.import({ privateKey: pem });
  return key.wrap(crypto.getRandomValues(new Uint8Array(32)), {});
};
