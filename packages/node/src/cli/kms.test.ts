// The oss-cse CLI with KMS master keys (--kms-*) against the emulator's KMS: both header layouts, reading
// without being told the layout, keyring files with KMS entries, and flag errors.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { decryptObject, parseEnvelope } from '@oss-cse/core';
import { KmsMasterKey } from '@oss-cse/kms';
import { ensureBuilt, runCli } from '../../test/cli.js';
import { rawClient } from '../../test/raw.js';
import { keyringOf, patternBytes, startTestEnv, testKeys, type TestEnv } from '../../test/setup.js';

let env: TestEnv;
let vars: Record<string, string>;
let bucket: string;
let keyId: string;

beforeAll(async () => {
  await ensureBuilt();
  env = await startTestEnv(await keyringOf((await testKeys()).main.private_key_pkcs1_pem));
  bucket = env.emulator.buckets[0]!;
  keyId = (await env.emulator.kms.createKey({ description: 'cli test key' })).keyId;
  vars = {
    OSS_ENDPOINT: env.emulator.ossEndpoint,
    OSS_REGION: env.emulator.region,
    HOME: env.dir,
    OSS_ACCESS_KEY_ID: env.emulator.accessKeyId,
    OSS_ACCESS_KEY_SECRET: env.emulator.accessKeySecret,
    KMS_PP: 'open sesame',
  };
}, 120_000);
afterAll(() => env.close());

const cli = (...args: string[]) => runCli(args, vars);
const kmsFlags = () => ['--kms-key-id', keyId, '--kms-endpoint', env.emulator.kmsEndpoint];

describe('oss-cse with --kms-*', () => {
  it.each(['oss2', 'sdk'])('put/get with the %s layout; get detects the layout itself', async (layout) => {
    const data = patternBytes(250_000, layout.length);
    const src = join(env.dir, `kms-${layout}.bin`);
    await writeFile(src, data);
    const url = `oss://${bucket}/kms/${layout}.bin`;
    const pp = layout === 'oss2' ? ['--kms-passphrase-env', 'KMS_PP'] : [];
    const put = await cli(
      'put',
      src,
      url,
      ...kmsFlags(),
      '--kms-layout',
      layout,
      ...pp,
      '--part-size',
      '102400',
      '--json',
    );
    expect([put.code, put.stderr]).toEqual([0, '']);
    const head = JSON.parse((await cli('head', url)).stdout.toString());
    expect(head.envelope).toMatchObject({ wrapAlgorithm: 'KMS/ALICLOUD', partSize: 102400 });
    const got = await cli('get', url, '-', ...kmsFlags(), ...pp);
    expect(got.stderr).toBe('');
    expect(got.stdout.equals(data)).toBe(true);
    const ranged = await cli('get', url, '-', ...kmsFlags(), ...pp, '--range', '102390-102420');
    expect(ranged.stdout.equals(data.subarray(102390, 102421))).toBe(true);
  });

  it('the stored layouts are the ones the SDKs write (oss2: double base64; sdk: the blob itself)', async () => {
    const src = join(env.dir, 'layout.txt');
    await writeFile(src, 'layout check');
    for (const layout of ['oss2', 'sdk']) {
      const url = `oss://${bucket}/kms/layout-${layout}.txt`;
      expect((await cli('put', src, url, ...kmsFlags(), '--kms-layout', layout)).code).toBe(0);
      const { stdout } = await cli('head', url);
      const raw = await rawClient(env.emulator).head(`kms/layout-${layout}.txt`);
      const keyHeader = String((raw.res.headers as Record<string, string>)['x-oss-meta-client-side-encryption-key']);
      const decodedOnce = Buffer.from(keyHeader, 'base64').toString('latin1');
      expect(/^[A-Za-z0-9+/]+={0,2}$/.test(decodedOnce)).toBe(layout === 'oss2');
      expect(JSON.parse(stdout.toString()).envelope.wrapAlgorithm).toBe('KMS/ALICLOUD');
    }
  });

  it('offline encrypt/decrypt with KMS, and the object decrypts through core + KmsMasterKey', async () => {
    const src = join(env.dir, 'offline.txt');
    await writeFile(src, 'kms offline');
    const io = ['--in', src, '--out', join(env.dir, 'offline.enc'), '--meta-out', join(env.dir, 'offline.meta.json')];
    expect((await cli('encrypt', ...io, ...kmsFlags(), '--kms-layout', 'sdk', '--matdesc', '{"kms":"yes"}')).code).toBe(
      0,
    );
    const headers = JSON.parse(await readFile(join(env.dir, 'offline.meta.json'), 'utf8'));
    expect(parseEnvelope(headers)).toMatchObject({ wrapAlgorithm: 'KMS/ALICLOUD', matdesc: { kms: 'yes' } });
    const key = new KmsMasterKey({
      endpoint: env.emulator.kmsEndpoint,
      keyId,
      description: { kms: 'yes' },
      credentials: { accessKeyId: env.emulator.accessKeyId, accessKeySecret: env.emulator.accessKeySecret },
    });
    const plain = await decryptObject({
      keyring: key,
      headers,
      ciphertext: await readFile(join(env.dir, 'offline.enc')),
    });
    expect(Buffer.from(plain).toString()).toBe('kms offline');
  });

  it('a keyring file may hold KMS keys next to RSA keys', async () => {
    const ring = join(env.dir, 'ring.json');
    await writeFile(
      ring,
      JSON.stringify({ keys: [{ kms: { keyId, endpoint: env.emulator.kmsEndpoint, layout: 'sdk' }, default: true }] }),
    );
    const src = join(env.dir, 'ring.txt');
    await writeFile(src, 'from a keyring file');
    expect((await cli('put', src, `oss://${bucket}/kms/ring.txt`, '--keyring', ring)).code).toBe(0);
    expect((await cli('get', `oss://${bucket}/kms/ring.txt`, '-', '--keyring', ring)).stdout.toString()).toBe(
      'from a keyring file',
    );
  });

  it('KMS refusals and bad flags give one-line errors', async () => {
    const src = join(env.dir, 'err.txt');
    await writeFile(src, 'x');
    const url = `oss://${bucket}/kms/err.txt`;
    expect((await cli('put', src, url, ...kmsFlags(), '--kms-passphrase-env', 'KMS_PP')).code).toBe(0);
    const wrongPp = await runCli(['get', url, '-', ...kmsFlags(), '--kms-passphrase-env', 'KMS_PP'], {
      ...vars,
      KMS_PP: 'wrong',
    });
    expect([wrongPp.code, wrongPp.stderr]).toEqual([1, expect.stringMatching(/^oss-cse: ERR_KMS: .*\n$/)]);
    const unknown = await cli(
      'put',
      src,
      url,
      '--kms-key-id',
      'no-such-key',
      '--kms-endpoint',
      env.emulator.kmsEndpoint,
    );
    expect(unknown.stderr).toMatch(/^oss-cse: ERR_KMS: .*KeyNotFound/);
    const badLayout = await cli('put', src, url, ...kmsFlags(), '--kms-layout', 'xml');
    expect([badLayout.code, badLayout.stderr]).toEqual([
      2,
      expect.stringMatching(/^oss-cse: ERR_USAGE: --kms-layout expected oss2 or sdk/),
    ]);
    const noEnv = await cli('put', src, url, ...kmsFlags(), '--kms-passphrase-env', 'UNSET_VAR');
    expect([noEnv.code, noEnv.stderr]).toEqual([2, expect.stringMatching(/--kms-passphrase-env names UNSET_VAR/)]);
  });

  it('a wrong AccessKeySecret prints no request parameter (data key, passphrase, token, secret), plain or --json', async () => {
    // The gateway answers SignatureDoesNotMatch with its string to sign, which holds every V1 parameter.
    const { Credentials } = await env.emulator.sts.assumeRole({
      roleArn: 'acs:ram::1:role/cli',
      roleSessionName: 'cli',
    });
    const wrongSecret = 'CliWrongSecretValue42';
    const passphrase = 'CliRedactedPassphrase9';
    const secrets = [
      passphrase,
      Credentials.SecurityToken,
      Credentials.AccessKeySecret,
      wrongSecret,
      env.emulator.accessKeySecret,
    ];
    const forms = secrets.flatMap((s) => [
      s,
      encodeURIComponent(s),
      encodeURIComponent(encodeURIComponent(s)),
      ...(s.match(/[A-Za-z0-9]{12,}/g) ?? []),
    ]);
    const src = join(env.dir, 'redaction.txt');
    await writeFile(src, 'redaction');
    const sts = {
      ...vars,
      KMS_PP: passphrase,
      OSS_ACCESS_KEY_ID: Credentials.AccessKeyId,
      OSS_ACCESS_KEY_SECRET: wrongSecret,
      OSS_SESSION_TOKEN: Credentials.SecurityToken,
    };
    for (const layout of ['sdk', 'oss2']) {
      for (const signature of ['v1', 'acs3']) {
        for (const json of [[], ['--json']]) {
          const io = [
            '--in',
            src,
            '--out',
            join(env.dir, 'redaction.enc'),
            '--meta-out',
            join(env.dir, 'redaction.meta.json'),
          ];
          const run = await runCli(
            [
              'encrypt',
              ...io,
              ...kmsFlags(),
              '--kms-layout',
              layout,
              '--kms-signature',
              signature,
              '--kms-passphrase-env',
              'KMS_PP',
              ...json,
            ],
            sts,
          );
          const output = `${run.stdout.toString()}\n${run.stderr}`;
          const what = `${layout} ${signature} ${json.join('')}`;
          expect([run.code, run.stderr], what).toEqual([
            1,
            expect.stringMatching(
              /^oss-cse: ERR_KMS: KMS (GenerateDataKey|Encrypt) failed \(SignatureDoesNotMatch\b.*\n$/,
            ),
          ]);
          // The sdk layout's data key is made locally: it would travel as Plaintext, percent-encoded twice in the echo.
          for (const marker of ['string to sign', 'Plaintext', 'SecurityToken', 'EncryptionContext', '%25'])
            expect(output, what).not.toContain(marker);
          for (const form of forms) expect(output, `${what} leaks ${form.slice(0, 6)}…`).not.toContain(form);
        }
      }
    }
  });

  it('rewrap of a prefix to a KMS key: objects read with KMS and no longer with the RSA key; a re-run skips them', async () => {
    const priv = join(env.dir, 'rot-main.pem');
    await writeFile(priv, (await testKeys()).main.private_key_pkcs1_pem);
    for (const name of ['a.txt', 'b/c.bin']) await env.client().put(`kms-rot/${name}`, `data of ${name}`);
    const args = ['rewrap', `oss://${bucket}/kms-rot/`, '--private-key', priv, '--to-kms-key-id', keyId];
    const r = await cli(...args, '--kms-endpoint', env.emulator.kmsEndpoint, '--kms-layout', 'sdk', '--json');
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(JSON.parse(r.stdout.toString())).toMatchObject({ files: 2, counts: { rewrapped: 2 }, failures: [] });
    const got = await cli('get', `oss://${bucket}/kms-rot/b/c.bin`, '-', ...kmsFlags());
    expect([got.stdout.toString(), got.stderr]).toEqual(['data of b/c.bin', '']);
    const old = await cli('get', `oss://${bucket}/kms-rot/a.txt`, '-', '--private-key', priv);
    expect(old.code).toBe(1);
    expect(old.stderr).toMatch(/^oss-cse: ERR_NO_MATCHING_KEY: /);
    const again = await cli(...args, '--kms-endpoint', env.emulator.kmsEndpoint, '--json');
    expect(JSON.parse(again.stdout.toString())).toMatchObject({ files: 2, counts: { unchanged: 2 } });
  });
});
