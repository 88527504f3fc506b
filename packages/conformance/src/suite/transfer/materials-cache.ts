// The engine's decrypted-materials cache in every runtime and adapter: 100 ranged reads of one 8 MiB multipart
// object unwrap its data key and IV once (counted at the master key); concurrent first reads unwrap once; a wrong
// key fails with ERR_UNWRAP_FAILED on every read (a failure is never cached); `materialsCache: false` unwraps on
// every read.
import { RsaMasterKey, type MasterKey, type UnwrapContext } from '@oss-cse/core';
import type { TransferSuite } from '../../harness/suite-api.js';
import { equal, rejectsWith, sameBytes } from '../../harness/assert.js';
import { MiB, oss2MasterKey, patternBytes, rsa1024 } from '../fixtures.js';
import { suiteClient } from './support.js';

const SIZE = 8 * MiB;
const READS = 100;
const SPAN = 4096;

/** A master key that counts the unwraps reaching `inner`, by header part. */
function counted(inner: MasterKey): MasterKey & { readonly unwraps: { key: number; iv: number } } {
  const unwraps = { key: 0, iv: 0 };
  return {
    unwraps,
    wrapAlgorithm: inner.wrapAlgorithm,
    description: inner.description,
    canUnwrap: inner.canUnwrap,
    supportsUnwrap: (alg) => inner.supportsUnwrap(alg),
    wrap: (plain, context) => inner.wrap(plain, context),
    unwrap(wrapped: Uint8Array, context: UnwrapContext) {
      unwraps[context.part]++;
      return inner.unwrap(wrapped, context);
    },
  };
}

export const materialsCache: TransferSuite = {
  name: 'materials cache',
  define(t, env) {
    const data = patternBytes(SIZE, 97);
    const key = `${env.prefix}materials/8mib.bin`;
    let written: Promise<unknown> | undefined;
    const write = async () => {
      const { client } = await suiteClient(env);
      await (written ??= client.upload(key, data));
    };

    t.test(`${READS} ranged reads of an 8 MiB multipart object unwrap its data key and IV once`, async () => {
      await write();
      const master = counted(await oss2MasterKey());
      const { client } = await suiteClient(env, { keyring: master });
      for (let i = 0; i < READS; i++) {
        const start = (i * 83_887 + 13) % (SIZE - SPAN);
        const { body } = await client.get(key, { range: `${start}-${start + SPAN - 1}` });
        sameBytes(body, data.subarray(start, start + SPAN), `read ${i} (${start}-)`);
      }
      equal(JSON.stringify(master.unwraps), JSON.stringify({ key: 1, iv: 1 }), 'unwraps counted at the master key');
    });

    t.test(
      'concurrent first reads unwrap once; materialsCache false unwraps each read; a wrong key fails each time',
      async () => {
        await write();
        const master = counted(await oss2MasterKey());
        const { client } = await suiteClient(env, { keyring: master });
        const reads = await Promise.all(Array.from({ length: 8 }, () => client.get(key, { range: '100-199' })));
        for (const r of reads) sameBytes(r.body, data.subarray(100, 200), 'a concurrent read');
        equal(JSON.stringify(master.unwraps), JSON.stringify({ key: 1, iv: 1 }), 'unwraps of 8 concurrent reads');
        const again = await suiteClient(env, { keyring: master, materialsCache: false });
        await again.client.get(key, { range: '0-15' });
        await again.client.get(key, { range: '16-31' });
        equal(master.unwraps.key, 3, 'with materialsCache false every read unwraps');

        const wrong = counted(await RsaMasterKey.import({ privateKey: (await rsa1024()).private_key_pkcs8_pem }));
        const { client: misreader } = await suiteClient(env, { keyring: wrong });
        for (let i = 0; i < 2; i++)
          await rejectsWith(() => misreader.get(key, { range: '0-15' }), ['ERR_UNWRAP_FAILED'], `wrong key, read ${i}`);
        equal(wrong.unwraps.key, 2, 'a failed unwrap is not cached');
      },
    );
  },
};
