// download and plaintext on disk: the data goes to a 0600 temporary file beside the target, renamed into place
// only when complete and verified; a failure leaves nothing but a resumable temp file (when the client keeps resume
// records); an existing target is untouched unless the download succeeds (and refused with overwrite: false); the
// temp file's name is derived from the target, never taken from the resume record.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdir, readdir, readFile, stat, utimes, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { keyringOf, patternBytes, startTestEnv, testKeys, type TestEnv } from '../../test/setup.js';
import type { DownloadRecord, NodeClient } from '../index.js';

const PART = 100 * 1024 + 16;
let env: TestEnv;
let client: NodeClient;
const data = patternBytes(6 * PART + 5, 61);
const OPTIONS = { partSize: PART, multipartThreshold: PART, concurrency: 1, retry: { retries: 0 } };
/** A client keeping its resume records in `cpDir`. */
const resuming = (cpDir: string) => env.client({ ...OPTIONS, checkpointDir: cpDir });

beforeAll(async () => {
  env = await startTestEnv(await keyringOf((await testKeys()).main.private_key_pkcs1_pem));
  client = env.client(OPTIONS);
  await client.upload('dl/object.bin', data);
});
afterAll(() => env.close());

async function freshDir(name: string): Promise<string> {
  const dir = join(env.dir, name);
  await mkdir(dir, { recursive: true });
  return dir;
}

/** A download that fails for good once `parts` parts are on disk. */
function failAfter(parts: number) {
  return (p: { partsDone: number }) => {
    if (p.partsDone === parts)
      env.emulator.faults.failNext({ operation: 'GetObject', status: 403, code: 'AccessDenied' });
  };
}

async function onlyCheckpoint(dir: string): Promise<DownloadRecord> {
  const names = (await readdir(dir)).filter((f) => f.startsWith('download-') && f.endsWith('.json'));
  expect(names).toHaveLength(1);
  return JSON.parse(await readFile(join(dir, names[0]!), 'utf8')) as DownloadRecord;
}

describe('download failures leave no plaintext behind', () => {
  it('without a checkpoint directory a failed download removes its temporary file', async () => {
    const dir = await freshDir('no-checkpoint');
    await expect(
      client.download('dl/object.bin', join(dir, 'out.bin'), { onProgress: failAfter(2) }),
    ).rejects.toMatchObject({ code: 'ERR_ACCESS_DENIED' });
    expect(await readdir(dir)).toEqual([]);
  });

  it('with a checkpoint the temp file stays for the resume: mode 0600, named after the target, the target absent', async () => {
    const dir = await freshDir('resumable');
    const cpDir = await freshDir('resumable-cp');
    const target = join(dir, 'out.bin');
    const c = resuming(cpDir);
    await expect(c.download('dl/object.bin', target, { onProgress: failAfter(3) })).rejects.toMatchObject({
      code: 'ERR_ACCESS_DENIED',
    });
    const files = await readdir(dir);
    expect(files).toEqual([expect.stringMatching(/^\.out\.bin\.[0-9a-f]{12}\.oss-cse-download$/)]);
    const temp = join(dir, files[0]!);
    expect((await stat(temp)).mode & 0o777).toBe(0o600);
    expect(await onlyCheckpoint(cpDir)).toMatchObject({
      kind: 'download',
      destination: target,
      parts: { 1: expect.any(String), 2: expect.any(String), 3: expect.any(String) },
    });
    expect((await stat(join(cpDir, (await readdir(cpDir))[0]!))).mode & 0o777).toBe(0o600);
    const r = await c.download('dl/object.bin', target);
    expect(r.resumedParts).toBe(3);
    expect((await readFile(target)).equals(data)).toBe(true);
    expect(await readdir(dir)).toEqual(['out.bin']);
    expect(await readdir(cpDir)).toEqual([]);
  });
});

describe('an existing target', () => {
  it('is refused with overwrite: false (ERR_DESTINATION_EXISTS naming it) and left untouched', async () => {
    const dir = await freshDir('exists');
    const target = join(dir, 'out.bin');
    await writeFile(target, 'keep me');
    await expect(client.download('dl/object.bin', target, { overwrite: false })).rejects.toMatchObject({
      code: 'ERR_DESTINATION_EXISTS',
      message: expect.stringContaining(target),
    });
    expect(await readFile(target, 'utf8')).toBe('keep me');
    expect(await readdir(dir)).toEqual(['out.bin']);
  });

  it('is untouched when the download fails, and replaced by a new file (not rewritten in place) when it succeeds', async () => {
    const dir = await freshDir('replace');
    const target = join(dir, 'out.bin');
    await writeFile(target, 'old contents');
    const old = new Date(Date.now() - 3_600_000);
    await utimes(target, old, old);
    const before = await stat(target);
    await expect(client.download('dl/object.bin', target, { onProgress: failAfter(1) })).rejects.toMatchObject({
      code: 'ERR_ACCESS_DENIED',
    });
    const after = await stat(target);
    expect([after.ino, after.mtimeMs, await readFile(target, 'utf8')]).toEqual([
      before.ino,
      before.mtimeMs,
      'old contents',
    ]);
    await client.download('dl/object.bin', target);
    expect((await readFile(target)).equals(data)).toBe(true);
    expect((await stat(target)).ino).not.toBe(before.ino);
    expect(await readdir(dir)).toEqual(['out.bin']);
  });
});

describe('the resume record cannot redirect plaintext', () => {
  it.each([
    ['an absolute path elsewhere', 'absolute', (dir: string) => join(dir, '..', 'elsewhere', 'evil.bin')],
    ['a path traversal', 'traversal', (dir: string) => `${dir}/../${basename(dir)}/../traversal-evil.bin`],
  ])(
    'a destination edited to %s is ignored: nothing there is written, moved or deleted',
    async (_name, id, victimPath) => {
      const dir = await freshDir(`redirect-${id}`);
      const cpDir = await freshDir(`redirect-${id}-cp`);
      const target = join(dir, 'out.bin');
      const c = resuming(cpDir);
      await expect(c.download('dl/object.bin', target, { onProgress: failAfter(2) })).rejects.toMatchObject({
        code: 'ERR_ACCESS_DENIED',
      });
      const victim = victimPath(dir);
      await mkdir(join(victim, '..'), { recursive: true });
      const victimBytes = patternBytes(data.length, 99);
      await writeFile(victim, victimBytes);
      const old = new Date(Date.now() - 3_600_000);
      await utimes(victim, old, old);
      const before = await stat(victim);
      const cpName = (await readdir(cpDir))[0]!;
      const saved = JSON.parse(await readFile(join(cpDir, cpName), 'utf8')) as DownloadRecord;
      await writeFile(join(cpDir, cpName), JSON.stringify({ ...saved, destination: victim, tempFile: victim }));

      await c.download('dl/object.bin', target);
      expect((await readFile(target)).equals(data)).toBe(true);
      const after = await stat(victim);
      expect([after.ino, after.mtimeMs, (await readFile(victim)).equals(victimBytes)]).toEqual([
        before.ino,
        before.mtimeMs,
        true,
      ]);

      // A checkpoint that no longer matches the object must not delete the file it names either.
      await expect(
        c.download('dl/object.bin', join(dir, 'again.bin'), { onProgress: failAfter(1) }),
      ).rejects.toMatchObject({ code: 'ERR_ACCESS_DENIED' });
      const second = (await readdir(cpDir))[0]!;
      const cp2 = JSON.parse(await readFile(join(cpDir, second), 'utf8')) as DownloadRecord;
      await writeFile(
        join(cpDir, second),
        JSON.stringify({ ...cp2, etag: '"0000"', destination: victim, tempFile: victim }),
      );
      await c.download('dl/object.bin', join(dir, 'again.bin'));
      expect((await readFile(victim)).equals(victimBytes)).toBe(true);
      expect((await readdir(dir)).sort()).toEqual(['again.bin', 'out.bin']);
    },
  );
});
