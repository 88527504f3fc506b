// The directory walk (OSS's key order, symbolic links, loops, filters) and the journal file (resume, torn last
// line, another job, removal when complete, each entry written during its append).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdir, mkdtemp, readFile, rm, stat, symlink, writeFile, appendFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compareKeys, nameFilter } from '@oss-cse/transfer';
import { fileJournal } from './file-journal.js';
import { walkDirectory } from './walk.js';
import { localPathOf } from './directory-jobs.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'oss-cse-walk-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function all<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

describe('walkDirectory', () => {
  it('yields files in UTF-8 key order, leaves links out unless asked, refuses loops', async () => {
    const root = join(dir, 'tree');
    for (const f of ['a/x', 'a-b', 'a.c', 'Z', 'é/1', 'b/c/d', 'empty-dir/']) {
      const path = join(root, f);
      if (f.endsWith('/')) await mkdir(path, { recursive: true });
      else {
        await mkdir(join(path, '..'), { recursive: true });
        await writeFile(path, f);
      }
    }
    await symlink(join(root, 'Z'), join(root, 'link-file'));
    await symlink(join(root, 'b'), join(root, 'link-dir'));
    const rels = (await all(walkDirectory(root))).map((f) => f.rel);
    expect(rels).toEqual(['Z', 'a-b', 'a.c', 'a/x', 'b/c/d', 'é/1']);
    expect([...rels].sort(compareKeys)).toEqual(rels);
    const followed = (await all(walkDirectory(root, { followSymlinks: true }))).map((f) => f.rel);
    expect(followed).toEqual(['Z', 'a-b', 'a.c', 'a/x', 'b/c/d', 'link-dir/c/d', 'link-file', 'é/1']);
    const filtered = await all(walkDirectory(root, { filter: nameFilter([{ kind: 'include', pattern: 'a*' }]) }));
    expect(filtered.map((f) => f.rel)).toEqual(['a-b', 'a.c']);
    await symlink(root, join(root, 'b', 'loop'));
    await expect(all(walkDirectory(root, { followSymlinks: true }))).rejects.toThrow(/loop/);
    expect((await all(walkDirectory(root))).map((f) => f.rel)).toEqual(rels);
  });

  it('object keys that would leave the directory are refused', () => {
    expect(localPathOf('/r', 'a/b.txt')).toBe(join('/r', 'a', 'b.txt'));
    for (const bad of ['../x', 'a/../../x', 'a//b', '/abs', 'a/./b', 'a\\..\\b'])
      expect(() => localPathOf('/r', bad)).toThrow(/not a safe relative file path/);
  });
});

describe('fileJournal', () => {
  it('resumes, cuts a torn last line, refuses another job, is removed when the job completes', async () => {
    const path = join(dir, 'j', 'job.jsonl');
    const first = fileJournal(path);
    expect([...(await first.open('JOB'))]).toEqual([]);
    await first.append({ key: 'a', state: 'uploaded', size: 1, etag: '"e"' });
    await first.append({ key: 'b', state: 'deleted' });
    await first.close(false);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    await appendFile(path, '{"key":"c","state":"upl'); // killed mid-line
    const second = fileJournal(path);
    expect([...(await second.open('JOB'))].map((e) => e.key)).toEqual(['a', 'b']);
    await second.append({ key: 'c', state: 'uploaded' });
    await second.close(false);
    expect((await readFile(path, 'utf8')).split('\n')).toHaveLength(5); // header, a, b, c, ''
    await expect(fileJournal(path).open('OTHER')).rejects.toMatchObject({ code: 'ERR_CHECKPOINT' });
    const third = fileJournal(path);
    expect([...(await third.open('JOB'))].map((e) => e.key)).toEqual(['a', 'b', 'c']);
    await third.close(true);
    await expect(stat(path)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('has an entry in the file when append returns, before its promise settles (no thread-pool round trip)', async () => {
    const path = join(dir, 'j2', 'job.jsonl');
    const journal = fileJournal(path);
    await journal.open('JOB');
    const appended = [journal.append({ key: 'a', state: 'uploaded' }), journal.append({ key: 'b', state: 'uploaded' })];
    expect(readFileSync(path, 'utf8').split('\n').slice(1)).toEqual([
      '{"key":"a","state":"uploaded"}',
      '{"key":"b","state":"uploaded"}',
      '',
    ]);
    await Promise.all(appended);
    await journal.close(false);
    expect([...(await fileJournal(path).open('JOB'))].map((e) => e.key)).toEqual(['a', 'b']);
  });
});
