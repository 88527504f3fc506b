// The CLI never leaves plaintext behind: `decrypt` and `get` write a 0600 temporary file beside the destination
// and rename it only after every check passed; a failure (integrity, transport, SIGINT/SIGTERM) leaves no file
// but a resumable download's temp file (named after the destination); an existing destination is refused without
// --force and untouched unless the command succeeds. `encrypt` and a single-PUT `put` record the plaintext MD5.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, readFile, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { encryptObject } from '@oss-cse/core';
import { runCli, startCli, startCliTestEnv } from '../../test/cli.js';
import { keyringOf, patternBytes, type KeyForms, type TestEnv } from '../../test/setup.js';
import { rawClient } from '../../test/raw.js';

const PART = 102416;
const MD5 = 'x-oss-meta-client-side-encryption-unencrypted-content-md5';
const LENGTH = 'x-oss-meta-client-side-encryption-unencrypted-content-length';
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
const md5 = (b: Uint8Array): string => createHash('md5').update(b).digest('base64');

async function freshDir(name: string): Promise<string> {
  const dir = join(env.dir, name);
  await mkdir(dir, { recursive: true });
  return dir;
}

/** A file with known bytes and an old mtime, to prove it was not touched. */
async function existing(path: string): Promise<{ ino: number; mtimeMs: number; text: string }> {
  await writeFile(path, 'precious existing file');
  const old = new Date(Date.now() - 3_600_000);
  await utimes(path, old, old);
  const s = await stat(path);
  return { ino: s.ino, mtimeMs: s.mtimeMs, text: 'precious existing file' };
}

async function snapshot(path: string): Promise<{ ino: number; mtimeMs: number; text: string }> {
  const s = await stat(path);
  return { ino: s.ino, mtimeMs: s.mtimeMs, text: await readFile(path, 'utf8') };
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 2400; i++) {
    const v = await probe();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function checkpointWithParts(
  cpDir: string,
  parts: number,
): Promise<{ destination: string; parts: Record<string, string> }> {
  return waitFor(`a checkpoint with ${parts} parts`, async () => {
    const name = (await readdir(cpDir).catch(() => [] as string[])).find(
      (f) => f.startsWith('download-') && f.endsWith('.json'),
    );
    const cp = name ? JSON.parse(await readFile(join(cpDir, name), 'utf8').catch(() => 'null')) : null;
    return cp && Object.keys(cp.parts).length >= parts ? cp : undefined;
  });
}

describe('decrypt', () => {
  let dir: string;
  let data: Buffer;
  const io = (name: string) => ['--in', join(dir, name), '--meta', join(dir, 'meta.json'), '--private-key', priv];

  beforeAll(async () => {
    dir = await freshDir('decrypt');
    data = patternBytes(300_000, 3);
    await writeFile(join(dir, 'plain.in'), data);
    const enc = await cli(
      'encrypt',
      '--in',
      join(dir, 'plain.in'),
      '--out',
      join(dir, 'whole.enc'),
      '--meta-out',
      join(dir, 'meta.json'),
      '--private-key',
      priv,
    );
    expect([enc.code, enc.stderr]).toEqual([0, expect.stringMatching(/^encrypted /)]);
    const ciphertext = await readFile(join(dir, 'whole.enc'));
    await writeFile(join(dir, 'truncated.enc'), ciphertext.subarray(0, 100_000));
    const flipped = Buffer.from(ciphertext);
    flipped[200_000]! ^= 0x04;
    await writeFile(join(dir, 'flipped.enc'), flipped);
  });

  it('encrypt records the plaintext MD5 and length in --meta-out', async () => {
    const meta = JSON.parse(await readFile(join(dir, 'meta.json'), 'utf8'));
    expect([meta[MD5], meta[LENGTH]]).toEqual([md5(data), String(data.length)]);
  });

  it('a truncated or tampered ciphertext is ERR_INTEGRITY and leaves no file at --out and no temp file', async () => {
    for (const input of ['truncated.enc', 'flipped.enc']) {
      const out = join(dir, `${input}.out`);
      const r = await cli('decrypt', ...io(input), '--out', out);
      expect([r.code, r.stderr]).toEqual([1, expect.stringMatching(/^oss-cse: ERR_INTEGRITY: /)]);
      expect((await readdir(dir)).sort()).toEqual([
        'flipped.enc',
        'meta.json',
        'plain.in',
        'truncated.enc',
        'whole.enc',
      ]);
    }
  });

  it('an existing --out is refused without --force, untouched on failure with --force, replaced when it succeeds', async () => {
    const out = join(dir, 'existing.out');
    const before = await existing(out);
    const refused = await cli('decrypt', ...io('whole.enc'), '--out', out);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^oss-cse: ERR_DESTINATION_EXISTS: .*existing\.out.*--force/);
    expect(await snapshot(out)).toEqual(before);
    for (const input of ['truncated.enc', 'flipped.enc']) {
      const failed = await cli('decrypt', ...io(input), '--out', out, '--force');
      expect(failed.stderr).toMatch(/^oss-cse: ERR_INTEGRITY: /);
      expect(await snapshot(out)).toEqual(before);
    }
    const ok = await cli('decrypt', ...io('whole.enc'), '--out', out, '--force');
    expect([ok.code, ok.stderr]).toEqual([0, expect.stringMatching(/^decrypted /)]);
    expect((await readFile(out)).equals(data)).toBe(true);
    expect((await stat(out)).ino).not.toBe(before.ino);
    expect((await stat(out)).mode & 0o777).toBe(0o600);
    expect((await readdir(dir)).filter((f) => f.startsWith('.'))).toEqual([]);
  });

  it('stdout (--out -) still streams the plaintext', async () => {
    const r = await cli('decrypt', ...io('whole.enc'), '--out', '-');
    expect(r.code).toBe(0);
    expect(r.stdout.equals(data)).toBe(true);
  });

  it('SIGTERM while bytes flow removes the temp file and exits 143', async () => {
    const sigDir = await freshDir('decrypt-sigterm');
    const plaintext = patternBytes(8 * 1024 * 1024, 5);
    const { headers, ciphertext } = await encryptObject({
      keyring: await keyringOf(keys.main.private_key_pkcs1_pem),
      plaintext,
    });
    await writeFile(join(sigDir, 'meta.json'), JSON.stringify(headers));
    const fifo = join(sigDir, 'in.fifo');
    execFileSync('mkfifo', [fifo]);
    const { child, done } = startCli(
      [
        'decrypt',
        '--in',
        fifo,
        '--meta',
        join(sigDir, 'meta.json'),
        '--private-key',
        priv,
        '--out',
        join(sigDir, 'out.bin'),
      ],
      vars,
    );
    const feed = createWriteStream(fifo);
    feed.on('error', () => undefined); // EPIPE once the CLI is gone
    try {
      // More than the cipher transform keeps in flight (2 MiB), less than the whole: plaintext reaches the disk.
      feed.write(ciphertext.subarray(0, 6 * 1024 * 1024));
      const temp = await waitFor('plaintext in the temp file', async () => {
        for (const f of await readdir(sigDir)) {
          if (f.startsWith('.out.bin.') && (await stat(join(sigDir, f)).catch(() => null))?.size) return f;
        }
        return undefined;
      });
      expect((await stat(join(sigDir, temp))).mode & 0o777).toBe(0o600);
      child.kill('SIGTERM');
      const r = await Promise.race([done, new Promise<null>((resolve) => setTimeout(() => resolve(null), 20_000))]);
      expect(r, 'the CLI did not exit within 20 s of SIGTERM').not.toBeNull();
      expect([r!.code, r!.stderr]).toEqual([143, 'oss-cse: ERR_ABORTED: interrupted by SIGTERM\n']);
    } finally {
      feed.destroy();
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
    expect((await readdir(sigDir)).sort()).toEqual(['in.fifo', 'meta.json']);
  });
});

describe('put and get', () => {
  let dir: string;
  const data = patternBytes(8 * PART + 11, 9);

  beforeAll(async () => {
    dir = await freshDir('get');
    await writeFile(join(dir, 'small.bin'), data.subarray(0, 5000));
    await writeFile(join(dir, 'large.bin'), data);
    expect((await cli('put', join(dir, 'small.bin'), `oss://${bucket}/pf/small.bin`, '--private-key', priv)).code).toBe(
      0,
    );
    expect(
      (
        await cli(
          'put',
          join(dir, 'large.bin'),
          `oss://${bucket}/pf/large.bin`,
          '--private-key',
          priv,
          '--part-size',
          String(PART),
        )
      ).code,
    ).toBe(0);
  });

  it('a single-PUT `put` records the plaintext MD5 and length', async () => {
    const h = (await rawClient(env.emulator).head('pf/small.bin')).res.headers as Record<string, string>;
    expect([h[MD5], h[LENGTH]]).toEqual([md5(data.subarray(0, 5000)), '5000']);
  });

  it('an existing file is refused without --force (whole and ranged), and replaced with it', async () => {
    const out = join(dir, 'existing.bin');
    const before = await existing(out);
    for (const extra of [[], ['--range', '0-99']]) {
      const r = await cli('get', `oss://${bucket}/pf/large.bin`, out, '--private-key', priv, ...extra);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/^oss-cse: ERR_DESTINATION_EXISTS: .*existing\.bin/);
      expect(await snapshot(out)).toEqual(before);
    }
    const ranged = await cli(
      'get',
      `oss://${bucket}/pf/large.bin`,
      out,
      '--private-key',
      priv,
      '--range',
      '100-199',
      '--force',
    );
    expect(ranged.code).toBe(0);
    expect((await readFile(out)).equals(data.subarray(100, 200))).toBe(true);
    // Replaced by renaming a new file over it, never rewritten in place. (Compared with the inode in place while the
    // new file was written: a freed inode number can come back for a later file.)
    const afterRanged = await stat(out);
    expect(afterRanged.ino).not.toBe(before.ino);
    const whole = await cli(
      'get',
      `oss://${bucket}/pf/large.bin`,
      out,
      '--private-key',
      priv,
      '--force',
      '--checkpoint-dir',
      join(dir, 'cp-force'),
    );
    expect(whole.code).toBe(0);
    expect((await readFile(out)).equals(data)).toBe(true);
    expect((await stat(out)).ino).not.toBe(afterRanged.ino);
  });

  it('a get failing mid-download leaves only its 0600 temp file, named after the destination; the rerun resumes', async () => {
    const getDir = await freshDir('get-fails');
    const cpDir = join(getDir, '..', 'get-fails-cp');
    const out = join(getDir, 'out.bin');
    const args = [
      'get',
      `oss://${bucket}/pf/large.bin`,
      out,
      '--private-key',
      priv,
      '--part-size',
      String(PART),
      '--concurrency',
      '1',
      '--checkpoint-dir',
      cpDir,
      '--json',
    ];
    const slow = env.emulator.faults.delay({ operation: 'GetObject', delayMs: 150, count: null });
    const { done } = startCli(args, vars);
    await checkpointWithParts(cpDir, 2);
    const fail = env.emulator.faults.failNext({
      operation: 'GetObject',
      status: 403,
      code: 'AccessDenied',
      count: null,
    });
    const r = await done;
    env.emulator.faults.remove(fail);
    env.emulator.faults.remove(slow);
    expect([r.code, r.stderr]).toEqual([1, expect.stringMatching(/^oss-cse: ERR_ACCESS_DENIED: /)]);
    const left = await readdir(getDir);
    expect(left).toHaveLength(1);
    const temp = join(getDir, left[0]!);
    expect((await stat(temp)).mode & 0o777).toBe(0o600);
    expect(left[0]).toMatch(/^\.out\.bin\.[0-9a-f]{12}\.oss-cse-download$/);
    expect((await checkpointWithParts(cpDir, 2)).destination).toBe(out);
    const again = await cli(...args);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout.toString()).resumedParts).toBeGreaterThanOrEqual(2);
    expect((await readFile(out)).equals(data)).toBe(true);
    expect(await readdir(getDir)).toEqual(['out.bin']);
  });

  it('SIGINT while parts flow exits 130 and keeps only the resumable 0600 temp file named after the destination', async () => {
    const getDir = await freshDir('get-sigint');
    const cpDir = join(getDir, '..', 'get-sigint-cp');
    const out = join(getDir, 'out.bin');
    const args = [
      'get',
      `oss://${bucket}/pf/large.bin`,
      out,
      '--private-key',
      priv,
      '--part-size',
      String(PART),
      '--concurrency',
      '1',
      '--checkpoint-dir',
      cpDir,
    ];
    const slow = env.emulator.faults.delay({ operation: 'GetObject', delayMs: 150, count: null });
    const { child, done } = startCli(args, vars);
    await checkpointWithParts(cpDir, 2);
    child.kill('SIGINT');
    const r = await done;
    env.emulator.faults.remove(slow);
    expect([r.code, r.stderr]).toEqual([130, 'oss-cse: ERR_ABORTED: interrupted by SIGINT\n']);
    const left = await readdir(getDir);
    expect(left).toHaveLength(1);
    const temp = join(getDir, left[0]!);
    expect((await stat(temp)).mode & 0o777).toBe(0o600);
    expect(left[0]).toMatch(/^\.out\.bin\.[0-9a-f]{12}\.oss-cse-download$/);
    expect((await checkpointWithParts(cpDir, 2)).destination).toBe(out);
    expect((await cli(...args)).code).toBe(0);
    expect((await readFile(out)).equals(data)).toBe(true);
  });

  it('a truncated stored object is ERR_INTEGRITY and leaves no file', async () => {
    const raw = rawClient(env.emulator);
    const got = await raw.get('pf/small.bin');
    const headers = Object.fromEntries(
      Object.entries(got.res.headers as Record<string, string>).filter(([k]) => k.startsWith('x-oss-meta-')),
    );
    await raw.put('pf/cut.bin', (got.content as Buffer).subarray(0, 4000), { headers });
    const cutDir = await freshDir('get-cut');
    const r = await cli(
      'get',
      `oss://${bucket}/pf/cut.bin`,
      join(cutDir, 'out.bin'),
      '--private-key',
      priv,
      '--checkpoint-dir',
      join(cutDir, '..', 'get-cut-cp'),
    );
    expect([r.code, r.stderr]).toEqual([1, expect.stringMatching(/^oss-cse: ERR_INTEGRITY: /)]);
    expect(await readdir(cutDir)).toEqual([]);
  });
});
