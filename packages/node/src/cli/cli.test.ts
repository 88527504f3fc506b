// The oss-cse CLI against the emulator: every command, exit codes and the one-line errors, and an upload
// killed with SIGKILL that resumes to a byte-identical object.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { decryptObject, Keyring, RsaMasterKey } from '@oss-cse/core';
import { spawn } from 'node:child_process';
import { CLI, runCli, startCli, startCliTestEnv } from '../../test/cli.js';
import { keyringOf, patternBytes, sha256, type KeyForms, type TestEnv } from '../../test/setup.js';
import { rawClient } from '../../test/raw.js';

let env: TestEnv;
let keys: { main: KeyForms; other: KeyForms };
let vars: Record<string, string>;
let priv: string;
let bucket: string;

beforeAll(async () => {
  ({ env, keys, vars, priv, bucket } = await startCliTestEnv());
}, 120_000);
afterAll(() => env.close());

const cli = (...args: string[]) => runCli(args, vars);

describe('oss-cse', () => {
  it('keygen writes a usable (optionally encrypted) key pair', async () => {
    const out = join(env.dir, 'keys');
    const r = await runCli(['keygen', '--out', out, '--passphrase-env', 'PW', '--json'], { PW: 'correct horse' });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout.toString())).toMatchObject({ bits: 2048, encrypted: true });
    const pem = await readFile(join(out, 'private.pem'), 'utf8');
    expect(pem).toMatch(/BEGIN ENCRYPTED PRIVATE KEY/);
    const key = await RsaMasterKey.import({
      privateKey: pem,
      passphrase: 'correct horse',
      publicKey: await readFile(join(out, 'public.pem'), 'utf8'),
    });
    expect(key.canUnwrap).toBe(true);
    // The encrypted private key works through --passphrase-env (never argv).
    await writeFile(join(env.dir, 'kg.in'), 'keygen round trip');
    const io = [
      '--in',
      join(env.dir, 'kg.in'),
      '--out',
      join(env.dir, 'kg.enc'),
      '--meta-out',
      join(env.dir, 'kg.meta.json'),
    ];
    expect((await runCli(['encrypt', ...io, '--public-key', join(out, 'public.pem')], {})).code).toBe(0);
    const dec = [
      'decrypt',
      '--in',
      join(env.dir, 'kg.enc'),
      '--meta',
      join(env.dir, 'kg.meta.json'),
      '--out',
      '-',
      '--private-key',
      join(out, 'private.pem'),
    ];
    expect((await runCli([...dec, '--passphrase-env', 'PW'], { PW: 'correct horse' })).stdout.toString()).toBe(
      'keygen round trip',
    );
    expect((await runCli([...dec, '--passphrase-env', 'PW'], { PW: 'wrong' })).stderr).toMatch(
      /^oss-cse: ERR_KEY_IMPORT: /,
    );
    expect((await runCli([...dec, '--passphrase-env', 'UNSET'], {})).code).toBe(2);
    const again = await runCli(['keygen', '--out', out], {});
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/^oss-cse: EEXIST: /);
  });

  it('a missing or unreadable key, keyring or --meta file is ERR_FILE_UNREADABLE naming the flag and the path', async () => {
    const missing = join(env.dir, 'no-such-key.pem');
    const io = ['--in', join(env.dir, 'kg.in'), '--out', join(env.dir, 'unread.enc')];
    const meta = join(env.dir, 'unread.meta.json');
    const ringFile = join(env.dir, 'ring-missing-entry.json');
    await writeFile(ringFile, JSON.stringify({ keys: [{ privateKey: 'absent/private.pem' }] }));
    const cases: Array<[string[], string]> = [
      [
        ['encrypt', ...io, '--meta-out', meta, '--public-key', missing],
        `--public-key ${missing}: no such file (ENOENT)`,
      ],
      [
        ['decrypt', ...io, '--meta', meta, '--private-key', env.dir],
        `--private-key ${env.dir}: is a directory, not a file (EISDIR)`,
      ],
      [['encrypt', ...io, '--meta-out', meta, '--keyring', missing], `--keyring ${missing}: no such file (ENOENT)`],
      [
        ['encrypt', ...io, '--meta-out', meta, '--keyring', ringFile],
        `--keyring ${ringFile} keys[0].privateKey ${join(env.dir, 'absent/private.pem')}: no such file (ENOENT)`,
      ],
      [['decrypt', ...io, '--meta', missing, '--private-key', priv], `--meta ${missing}: no such file (ENOENT)`],
    ];
    for (const [args, message] of cases) {
      const r = await cli(...args);
      expect([r.code, r.stderr.toString()], args.join(' ')).toEqual([1, `oss-cse: ERR_FILE_UNREADABLE: ${message}\n`]);
    }
  });

  it('--out - and get … - leave stdout open: a command after them in the same script still writes (a socket)', async () => {
    await writeFile(join(env.dir, 'shared.in'), 'shared stdout');
    const io = ['--in', join(env.dir, 'shared.in'), '--out', join(env.dir, 'shared.enc')];
    const meta = join(env.dir, 'shared.meta.json');
    expect((await cli('encrypt', ...io, '--meta-out', meta, '--private-key', priv)).code).toBe(0);
    const url = `oss://${bucket}/shared-stdout/shared.txt`;
    expect((await cli('put', join(env.dir, 'shared.in'), url, '--private-key', priv)).code).toBe(0);
    const q = (a: string[]) => a.map((x) => `'${x}'`).join(' ');
    const decrypt = q([
      CLI,
      'decrypt',
      '--in',
      join(env.dir, 'shared.enc'),
      '--meta',
      meta,
      '--out',
      '-',
      '--private-key',
      priv,
    ]);
    const get = q([CLI, 'get', url, '-', '--private-key', priv]);
    // Node's spawn pipes are sockets, shared by the shell and each command it runs.
    const script = `node ${decrypt}; echo " after decrypt"; node ${get}; echo " after get"`;
    const r = await new Promise<{ out: string; code: number | null }>((done) => {
      const child = spawn('bash', ['-euo', 'pipefail', '-c', script], { env: { ...process.env, ...vars } });
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.on('close', (code) => done({ out, code }));
    });
    expect(r).toEqual({ out: 'shared stdout after decrypt\nshared stdout after get\n', code: 0 });
  });

  it('put, head, get (file, range, stdout), ls --long', async () => {
    const data = patternBytes(300_000, 5);
    const src = join(env.dir, 'put-src.bin');
    await writeFile(src, data);
    const put = await cli(
      'put',
      src,
      `oss://${bucket}/cli/data.bin`,
      '--private-key',
      priv,
      '--part-size',
      '102416',
      '--concurrency',
      '8',
      '--json',
      '--matdesc',
      '{"who":"cli"}',
    );
    expect(put.stderr).toBe('');
    expect(put.code).toBe(0);
    expect(JSON.parse(put.stdout.toString())).toMatchObject({ size: data.length, parts: 3 });

    const big = patternBytes(20 * 102416 + 1, 6);
    await writeFile(join(env.dir, 'big.bin'), big);
    const putBig = await cli(
      'put',
      join(env.dir, 'big.bin'),
      `oss://${bucket}/cli/`,
      '--private-key',
      priv,
      '--part-size',
      '102410',
    );
    expect([putBig.code, putBig.stderr]).toEqual([
      1,
      'oss-cse: ERR_INVALID_PART_SIZE: part size 102410 is not a multiple of 16 (AES block)\n',
    ]);
    const putBig2 = await cli(
      'put',
      join(env.dir, 'big.bin'),
      `oss://${bucket}/cli/`,
      '--private-key',
      priv,
      '--part-size',
      '100KiB',
      '--json',
    );
    expect(JSON.parse(putBig2.stdout.toString())).toMatchObject({ key: 'cli/big.bin', parts: 21 }); // 21 parts of 100 KiB (the last 321 bytes)

    // stdin of unknown size: spooled, then uploaded in parts.
    const piped = await runCli(
      ['put', '-', `oss://${bucket}/cli/piped.bin`, '--private-key', priv, '--part-size', '102416', '--json'],
      vars,
      data,
    );
    expect(JSON.parse(piped.stdout.toString())).toMatchObject({ key: 'cli/piped.bin', size: data.length, parts: 3 });
    expect((await cli('get', `oss://${bucket}/cli/piped.bin`, '-', '--private-key', priv)).stdout.equals(data)).toBe(
      true,
    );

    const head = await cli('head', `oss://${bucket}/cli/data.bin`);
    expect(head.code).toBe(0);
    const info = JSON.parse(head.stdout.toString());
    expect(info).toMatchObject({
      size: data.length,
      encrypted: true,
      envelope: { wrapAlgorithm: 'RSA/NONE/PKCS1Padding', matdesc: { who: 'cli' } },
    });
    expect(head.stdout.toString()).not.toMatch(/client-side-encryption-key/);

    const keyring = ['--private-key', priv, '--matdesc', '{"who":"cli"}'];
    const out = join(env.dir, 'got.bin');
    expect((await cli('get', `oss://${bucket}/cli/data.bin`, out, ...keyring)).code).toBe(0);
    expect((await readFile(out)).equals(data)).toBe(true);
    const bigOut = join(env.dir, 'big.out');
    expect(
      (
        await cli(
          'get',
          `oss://${bucket}/cli/big.bin`,
          bigOut,
          '--private-key',
          priv,
          '--part-size',
          '102416',
          '--concurrency',
          '1',
        )
      ).code,
    ).toBe(0);
    expect((await readFile(bigOut)).equals(big)).toBe(true);
    const ranged = await cli(
      'get',
      `oss://${bucket}/cli/big.bin`,
      '-',
      '--private-key',
      priv,
      '--range',
      '102400-102431',
    );
    expect(ranged.stdout.equals(big.subarray(102400, 102432))).toBe(true);
    const suffix = await cli(
      'get',
      `oss://${bucket}/cli/data.bin`,
      join(env.dir, 'suffix.bin'),
      ...keyring,
      '--range',
      '-100',
    );
    expect(suffix.code).toBe(0);
    expect((await readFile(join(env.dir, 'suffix.bin'))).equals(data.subarray(data.length - 100))).toBe(true);
    const whole = await cli('get', `oss://${bucket}/cli/data.bin`, '-', ...keyring);
    expect(whole.stdout.equals(data)).toBe(true);

    await rawClient(env.emulator).put('cli/plain.txt', Buffer.from('plain'));
    const ls = await cli('ls', `oss://${bucket}/cli/`, '--long');
    expect(ls.code).toBe(0);
    const lines = ls.stdout
      .toString()
      .trim()
      .split('\n')
      .map((l) => l.split('\t'));
    expect(lines.map((l) => [l[2], l[3], l[4]])).toEqual([
      ['cli/big.bin', 'encrypted', 'RSA/NONE/PKCS1Padding'],
      ['cli/data.bin', 'encrypted', 'RSA/NONE/PKCS1Padding'],
      ['cli/piped.bin', 'encrypted', 'RSA/NONE/PKCS1Padding'],
      ['cli/plain.txt', 'plain', '-'],
    ]);
  });

  it('encrypt and decrypt offline, and the result decrypts through core alone', async () => {
    const data = patternBytes(70_001, 8);
    const pub = join(env.dir, 'main.pub.pem');
    await writeFile(pub, keys.main.public_key_spki_pem);
    await writeFile(join(env.dir, 'offline.in'), data);
    const enc = await cli(
      'encrypt',
      '--in',
      join(env.dir, 'offline.in'),
      '--out',
      join(env.dir, 'offline.enc'),
      '--meta-out',
      join(env.dir, 'offline.meta.json'),
      '--public-key',
      pub,
      '--wrap',
      'oaep',
    );
    expect(enc.code).toBe(0);
    const meta = JSON.parse(await readFile(join(env.dir, 'offline.meta.json'), 'utf8'));
    expect(meta['x-oss-meta-client-side-encryption-wrap-alg']).toBe('RSA/NONE/OAEPWithSHA-1AndMGF1Padding');
    const ciphertext = await readFile(join(env.dir, 'offline.enc'));
    const plain = await decryptObject({
      keyring: await keyringOf(keys.main.private_key_pkcs8_pem),
      headers: meta,
      ciphertext: new Uint8Array(ciphertext),
    });
    expect(Buffer.from(plain).equals(data)).toBe(true);
    const dec = await cli(
      'decrypt',
      '--in',
      join(env.dir, 'offline.enc'),
      '--meta',
      join(env.dir, 'offline.meta.json'),
      '--private-key',
      priv,
      '--out',
      '-',
      '--range',
      '65530-65560',
    );
    expect(dec.stdout.equals(data.subarray(65530, 65561))).toBe(true);
    const pubOnly = await cli(
      'decrypt',
      '--in',
      join(env.dir, 'offline.enc'),
      '--meta',
      join(env.dir, 'offline.meta.json'),
      '--public-key',
      pub,
      '--out',
      '-',
    );
    expect(pubOnly.code).toBe(1);
    expect(pubOnly.stderr).toBe(
      'oss-cse: ERR_PUBLIC_KEY_ONLY: the matching master key has only its public half: it can encrypt, not decrypt\n',
    );
  });

  it('rewrap moves the object to another key', async () => {
    await cli('put', join(env.dir, 'put-src.bin'), `oss://${bucket}/cli/rot.bin`, '--private-key', priv);
    const newPub = join(env.dir, 'other.pub.pem');
    const newPriv = join(env.dir, 'other.pem');
    await writeFile(newPub, keys.other.public_key_pkcs1_pem);
    await writeFile(newPriv, keys.other.private_key_pkcs8_pem);
    const r = await cli(
      'rewrap',
      `oss://${bucket}/cli/rot.bin`,
      '--private-key',
      priv,
      '--to-public-key',
      newPub,
      '--to-matdesc',
      '{"gen":"2"}',
      '--json',
    );
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout.toString())).toMatchObject({ after: { matdesc: { gen: '2' } } });
    const old = await cli('get', `oss://${bucket}/cli/rot.bin`, '-', '--private-key', priv);
    expect(old.stderr).toMatch(/^oss-cse: ERR_NO_MATCHING_KEY: /);
    const fresh = await cli(
      'get',
      `oss://${bucket}/cli/rot.bin`,
      '-',
      '--private-key',
      newPriv,
      '--matdesc',
      '{"gen":"2"}',
    );
    expect(fresh.stdout.equals(await readFile(join(env.dir, 'put-src.bin')))).toBe(true);
    // A keyring file with both generations reads the rotated object and the ones not rotated yet.
    const ring = join(env.dir, 'keyring.json');
    await writeFile(
      ring,
      JSON.stringify({
        keys: [{ privateKey: 'main.pem' }, { privateKey: 'other.pem', matdesc: { gen: '2' }, default: true }],
      }),
    );
    const viaRing = await cli('get', `oss://${bucket}/cli/rot.bin`, '-', '--keyring', ring);
    expect(viaRing.stdout.equals(await readFile(join(env.dir, 'put-src.bin')))).toBe(true);
    expect(
      (await cli('get', `oss://${bucket}/cli/big.bin`, '-', '--keyring', ring, '--range', '0-9')).stdout.length,
    ).toBe(10);
    await writeFile(ring, '{"keys": []}');
    expect((await cli('get', `oss://${bucket}/cli/rot.bin`, '-', '--keyring', ring)).code).toBe(2);
  });

  it('exit 2 for usage errors, 1 for the rest, one line each, stack only with OSS_CSE_DEBUG=1', async () => {
    const usage = await cli('get', 'not-a-url', '-', '--private-key', priv);
    expect([usage.code, usage.stderr]).toEqual([
      2,
      'oss-cse: ERR_USAGE: "not-a-url" is not an oss://<bucket>/<key> URL\n',
    ]);
    const missing = await cli('put');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe("oss-cse: ERR_USAGE: missing required argument 'file'\n");
    expect((await cli('head', `oss://${bucket}/x`, '--signature', 'v3')).code).toBe(2);
    expect((await cli('put', 'f', `oss://${bucket}/k`)).stderr).toMatch(/^oss-cse: ERR_USAGE: no key given/);
    const notFound = await cli('get', `oss://${bucket}/nope`, '-', '--private-key', priv);
    expect(notFound.code).toBe(1);
    expect(notFound.stderr.trim().split('\n')).toHaveLength(1);
    expect(notFound.stderr).toMatch(/^oss-cse: ERR_NOT_FOUND: /);
    const wrongKey = join(env.dir, 'wrong.pem');
    await writeFile(wrongKey, keys.other.private_key_pkcs1_pem);
    const wrong = await runCli(['get', `oss://${bucket}/cli/big.bin`, '-', '--private-key', wrongKey], {
      ...vars,
      OSS_CSE_DEBUG: '1',
    });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/^oss-cse: ERR_UNWRAP_FAILED: .*\n.*at /s);
    const plain = await cli('get', `oss://${bucket}/cli/plain.txt`, '-', '--private-key', priv);
    expect(plain.stderr).toMatch(/^oss-cse: ERR_NOT_ENCRYPTED: /);
    const noCreds = await runCli(['head', `oss://${bucket}/cli/plain.txt`], {
      OSS_ENDPOINT: vars['OSS_ENDPOINT']!,
      OSS_REGION: vars['OSS_REGION']!,
    });
    expect(noCreds.stderr).toMatch(/^oss-cse: ERR_CREDENTIALS: /);
  });

  it('an upload killed with SIGKILL resumes to a byte-identical object under the same IV', async () => {
    const data = patternBytes(40 * 102416 + 77, 9);
    const src = join(env.dir, 'killed.bin');
    await writeFile(src, data);
    const cpDir = join(env.dir, 'checkpoints');
    const args = [
      'put',
      src,
      `oss://${bucket}/cli/killed.bin`,
      '--private-key',
      priv,
      '--part-size',
      '102416',
      '--concurrency',
      '2',
      '--checkpoint-dir',
      cpDir,
      '--json',
    ];
    const slow = env.emulator.faults.delay({ operation: 'UploadPart', delayMs: 150, count: null });
    const { child, done } = startCli(args, vars);
    let saved: { uploadId: string; parts: unknown[]; material: { encryptedIv: string } } | undefined;
    for (let polls = 0; !saved || saved.parts.length < 5; polls++) {
      if (polls > 2000) throw new Error('the CLI wrote no checkpoint with 5 parts');
      await new Promise((r) => setTimeout(r, 25));
      const files = await readdir(cpDir).catch(() => [] as string[]);
      const cp = files.find((f) => f.endsWith('.json'));
      if (cp) saved = JSON.parse(await readFile(join(cpDir, cp), 'utf8').catch(() => 'null')) ?? saved;
    }
    child.kill('SIGKILL');
    expect((await done).signal).toBe('SIGKILL');
    env.emulator.faults.remove(slow);
    expect(await env.client().listMultipartUploads({ prefix: 'cli/killed' })).toHaveLength(1);

    const resumed = await cli(...args);
    expect(resumed.code).toBe(0);
    const result = JSON.parse(resumed.stdout.toString());
    expect(result.uploadId).toBe(saved.uploadId);
    expect(result.resumedParts).toBeGreaterThanOrEqual(5);
    const head = await rawClient(env.emulator).head('cli/killed.bin');
    expect(head.res.headers['x-oss-meta-client-side-encryption-start' as never]).toBe(saved.material.encryptedIv);
    const out = join(env.dir, 'killed.out');
    expect((await cli('get', `oss://${bucket}/cli/killed.bin`, out, '--private-key', priv)).code).toBe(0);
    expect(sha256(await readFile(out))).toBe(sha256(data));
    expect(await readdir(cpDir)).toEqual([]);
    const keyring = new Keyring(await RsaMasterKey.import({ privateKey: keys.main.private_key_pkcs8_pem }));
    const raw = await rawClient(env.emulator).get('cli/killed.bin');
    expect(
      sha256(
        await decryptObject({
          keyring,
          headers: raw.res.headers as never,
          ciphertext: new Uint8Array(raw.content as Buffer),
        }),
      ),
    ).toBe(sha256(data));
  });
});
