// StagedFile / writeStaged: 0600 temporary files beside the destination, no-clobber commits, no symbolic links
// followed at the temporary name, nothing left behind on failure.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lstat, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { StagedFile, writeStaged } from './staged-file.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'oss-cse-staged-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('writeStaged', () => {
  it('creates the destination, mode 0600, only once the writer returned', async () => {
    const dest = join(dir, 'a.txt');
    await writeStaged(dest, {}, async (file) => {
      await pipeline(Readable.from([Buffer.from('hello '), Buffer.from('world')]), file.writable());
      await expect(stat(dest)).rejects.toMatchObject({ code: 'ENOENT' });
      expect((await stat(file.path)).mode & 0o777).toBe(0o600);
    });
    expect(await readFile(dest, 'utf8')).toBe('hello world');
    expect((await stat(dest)).mode & 0o777).toBe(0o600);
    expect(await readdir(dir)).toEqual(['a.txt']);
  });

  it('a writer failure removes the temporary file and leaves an existing destination as it was', async () => {
    const dest = join(dir, 'b.txt');
    await writeFile(dest, 'old');
    await expect(
      writeStaged(dest, { overwrite: true }, async (file) => {
        await pipeline(Readable.from([Buffer.from('half')]), file.writable());
        throw new Error('verification failed');
      }),
    ).rejects.toThrow('verification failed');
    expect(await readFile(dest, 'utf8')).toBe('old');
    expect((await readdir(dir)).filter((f) => f.includes('b.txt'))).toEqual(['b.txt']);
  });

  it('without overwrite, a destination that appears meanwhile is not replaced (ERR_DESTINATION_EXISTS)', async () => {
    const dest = join(dir, 'c.txt');
    await expect(
      writeStaged(dest, {}, async (file) => {
        await pipeline(Readable.from([Buffer.from('new')]), file.writable());
        await writeFile(dest, 'someone else');
      }),
    ).rejects.toMatchObject({ code: 'ERR_DESTINATION_EXISTS', details: { path: dest } });
    expect(await readFile(dest, 'utf8')).toBe('someone else');
    expect((await readdir(dir)).filter((f) => f.includes('c.txt'))).toEqual(['c.txt']);
  });
});

describe('StagedFile at a known temporary name', () => {
  it('never writes through a symbolic link planted at the temporary name (new or resumed)', async () => {
    const victim = join(dir, 'victim.txt');
    await writeFile(victim, 'victim bytes');
    const tempName = '.d.txt.planted.oss-cse-download';
    for (const resumeSize of [undefined, 'victim bytes'.length]) {
      await symlink(victim, join(dir, tempName));
      const file = await StagedFile.open(join(dir, 'd.txt'), { tempName, resumeSize });
      expect(file.resumed).toBe(false);
      expect((await lstat(file.path)).isSymbolicLink()).toBe(false);
      await file.handle.write(Buffer.from('mine'), 0, 4, 0);
      await file.discard();
      expect(await readFile(victim, 'utf8')).toBe('victim bytes');
    }
  });
});
