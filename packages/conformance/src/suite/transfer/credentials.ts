// Credentials: a client given static STS credentials and one given an async function behave identically through
// the same transfers; an empty securityToken is ERR_CREDENTIALS either way, and no error shows the secret.
import type { Credentials } from '@oss-cse/core';
import type { TransferClient } from '@oss-cse/transfer';
import type { TransferSuite } from '../../harness/suite-api.js';
import { check, describeError, equal, rejectsWith } from '../../harness/assert.js';
import { patternBytes } from '../fixtures.js';
import { PART, suiteClient } from './support.js';

/** The same transfers with either client, as a comparable description of what each returned. */
async function scenario(client: TransferClient, prefix: string): Promise<string> {
  const small = patternBytes(17, 121);
  const large = patternBytes(2 * PART + 1, 122);
  const put = await client.put(`${prefix}small.bin`, small);
  const uploaded = await client.upload(`${prefix}large.bin`, large);
  const info = await client.head(`${prefix}large.bin`);
  const range = await client.get(`${prefix}large.bin`, { range: `${PART - 1}-${PART}` });
  const listed: string[] = [];
  for await (const o of client.list({ prefix })) if ('key' in o) listed.push(`${o.key.slice(prefix.length)}:${o.size}`);
  const missing = await client.head(`${prefix}missing.bin`).then(
    () => 'found',
    (e: unknown) => describeError(e).split(':')[0],
  );
  await client.delete(`${prefix}small.bin`);
  await client.delete(`${prefix}large.bin`);
  const whole = await client.get(`${prefix}large.bin`).then(
    () => 'found',
    (e: unknown) => describeError(e).split(':')[0],
  );
  return JSON.stringify({
    put: put.size,
    parts: uploaded.parts,
    size: info.size,
    encrypted: info.encrypted,
    envelope: info.envelope,
    range: [...range.body],
    listed,
    missing,
    afterDelete: whole,
  });
}

export const credentials: TransferSuite = {
  name: 'credentials',
  define(t, env) {
    t.test('a static-credentials client and an async-function client behave identically', async () => {
      const vended = await env.vend();
      const fixed = await suiteClient(env, { credentials: vended });
      const fetched = await suiteClient(env);
      const a = await scenario(fixed.client, `${env.prefix}credentials/static/`);
      const b = await scenario(fetched.client, `${env.prefix}credentials/function/`);
      equal(b, a, 'what the async-function client saw, against the static one');
      const seen = JSON.parse(a) as {
        put: number;
        parts: number;
        listed: string[];
        missing: string;
        afterDelete: string;
      };
      equal(
        JSON.stringify([seen.put, seen.parts, seen.listed, seen.missing, seen.afterDelete]),
        JSON.stringify([
          17,
          3,
          [`large.bin:${2 * PART + 1}`, 'small.bin:17'],
          'OssCseError [ERR_NOT_FOUND]',
          'OssCseError [ERR_NOT_FOUND]',
        ]),
        'what both saw',
      );
      equal(fetched.vended(), 1, 'credentials the function vended');
    });

    t.test(
      'an empty securityToken is ERR_CREDENTIALS, given statically or by the function, and never shows the secret',
      async () => {
        const vended = await env.vend();
        const empty: Credentials = { ...vended, securityToken: '' };
        const key = `${env.prefix}credentials/empty-token.bin`;
        const secret = vended.accessKeySecret;
        const fixed = await rejectsWith(
          async () => (await suiteClient(env, { credentials: empty })).client.head(key),
          ['ERR_CREDENTIALS'],
          'static credentials',
        );
        const { client } = await suiteClient(env, { credentials: async () => empty });
        const fetched = await rejectsWith(() => client.head(key), ['ERR_CREDENTIALS'], 'credentials from the function');
        for (const e of [fixed, fetched]) {
          const shown = `${describeError(e)} ${JSON.stringify(e.details ?? {})} ${describeError(e.cause)}`;
          check(
            !shown.includes(secret) && !shown.includes(vended.securityToken!),
            `the error shows the secret or the token: ${e.message}`,
          );
        }
      },
    );
  },
};
