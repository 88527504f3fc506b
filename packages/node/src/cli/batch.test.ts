// The batch commands against the emulator (issue 15's Done-when list): cp -r up and down byte for byte with
// filters, sync (nothing to do on an unchanged tree; one change and one deletion with --delete), verify without a
// GET of content, a batch killed with SIGKILL resumed from its journal, three shards, and rewrap of a prefix.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { OssCseError } from '@oss-cse/core';
import { runCli, startCli, startCliTestEnv } from '../../test/cli.js';
import { keyringOf, patternBytes, sha256, type KeyForms, type TestEnv } from '../../test/setup.js';

let env: TestEnv;
let keys: { main: KeyForms; other: KeyForms };
let vars: Record<string, string>;
let priv: string;
let bucket: string;

beforeAll(async () => {
  ({ env, keys, vars, priv, bucket } = await startCliTestEnv());
}, 120_000);
afterAll(() => env.close());

const cli = (...args: string[]) => runCli([...args, '--private-key', priv], vars);

/** The tree of the Done-when list: name → bytes. */
function treeFiles(): Record<string, Buffer> {
  return {
    'empty.txt': Buffer.alloc(0),
    'one.bin': Buffer.from([7]),
    'a/b/c/deep.txt': Buffer.from('deep\n'),
    'a/b/big.bin': patternBytes(3 * 102416 + 5, 3), // three parts and a bit with --part-size 100KiB
    'a/b-c.txt': Buffer.from('order: b-c sorts before b/ in UTF-8'),
    'naïve café/日本語 ファイル.txt': Buffer.from('unicode'),
    'with space/file name (1).txt': Buffer.from('spaces'),
    'skip/me.tmp': Buffer.from('excluded'),
    'skip/keep.tmp': Buffer.from('included again'),
  };
}

async function writeTree(dir: string, files: Record<string, Buffer>): Promise<void> {
  for (const [name, bytes] of Object.entries(files)) {
    await mkdir(join(dir, name, '..'), { recursive: true });
    await writeFile(join(dir, name), bytes);
  }
}

async function readTree(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true }))
    if (entry.isFile()) {
      const path = join(entry.parentPath, entry.name);
      out[relative(dir, path)] = sha256(await readFile(path));
    }
  return out;
}

/** One counting rule per key (PutObject/UploadPart/GetObject…), optionally slowing each request down. */
function countRequests(keysToCount: string[], match: { method?: string; operation?: string }, delayMs = 0) {
  const ids = new Map(
    keysToCount.map((key) => [key, env.emulator.faults.delay({ ...match, key, delayMs, count: null })] as const),
  );
  return {
    hits(): Record<string, number> {
      const rules = env.emulator.faults.stats().rules;
      return Object.fromEntries([...ids].map(([key, id]) => [key, rules.find((r) => r.id === id)?.hits ?? 0]));
    },
    clear() {
      for (const id of ids.values()) env.emulator.faults.remove(id);
    },
  };
}

describe('oss-cse batch commands', () => {
  it('cp -r up and down reproduces a tree byte for byte; sync transfers only changes; verify', async () => {
    const src = join(env.dir, 'tree');
    const files = treeFiles();
    await writeTree(src, files);
    const filters = ['--exclude', '*.tmp', '--include', 'keep.tmp'];
    const up = await cli('cp', '-r', src, `oss://${bucket}/tree/`, '--part-size', '100KiB', ...filters, '--json');
    expect(up.stderr).toBe('');
    expect(up.code).toBe(0);
    const upSummary = JSON.parse(up.stdout.toString());
    expect(upSummary).toMatchObject({ files: 8, counts: { uploaded: 8 }, failures: [] });

    const down = join(env.dir, 'tree-down');
    const got = await cli('cp', '-r', `oss://${bucket}/tree/`, down, '--json');
    expect([got.code, got.stderr]).toEqual([0, '']);
    expect(JSON.parse(got.stdout.toString())).toMatchObject({ files: 8, counts: { downloaded: 8 } });
    const expected = Object.fromEntries(
      Object.entries(files)
        .filter(([name]) => name !== 'skip/me.tmp')
        .map(([name, bytes]) => [name, sha256(bytes)]),
    );
    expect(await readTree(down)).toEqual(expected);

    // An unchanged tree: nothing moves.
    const puts = countRequests(
      Object.keys(files).map((n) => `tree/${n}`),
      { method: 'PUT' },
    );
    const again = await cli('sync', src, `oss://${bucket}/tree/`, ...filters, '--delete', '--json');
    expect([again.code, again.stderr]).toEqual([0, '']);
    expect(JSON.parse(again.stdout.toString())).toMatchObject({ files: 8, counts: { unchanged: 8 } });
    expect(Object.values(puts.hits()).reduce((a, b) => a + b, 0)).toBe(0);

    // One file changed (same size, other bytes: only the MD5 tells), one deleted.
    await writeFile(join(src, 'a/b/c/deep.txt'), 'DEEP\n');
    await rm(join(src, 'one.bin'));
    const dry = await cli('sync', src, `oss://${bucket}/tree/`, ...filters, '--delete', '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.stdout.toString().split('\n').sort()).toEqual([
      '',
      'would delete tree/one.bin',
      'would upload tree/a/b/c/deep.txt',
    ]);
    const changed = await cli('sync', src, `oss://${bucket}/tree/`, ...filters, '--delete', '--json');
    expect(changed.code).toBe(0);
    expect(JSON.parse(changed.stdout.toString())).toMatchObject({
      files: 8,
      counts: { uploaded: 1, deleted: 1, unchanged: 6 },
    });
    expect(puts.hits()).toMatchObject({ 'tree/a/b/c/deep.txt': 1 });
    expect(Object.values(puts.hits()).reduce((a, b) => a + b, 0)).toBe(1);
    puts.clear();
    await expect(env.client().head('tree/one.bin')).rejects.toMatchObject({ code: 'ERR_NOT_FOUND' });

    // sync down: the downloaded tree follows (one file replaced, one removed).
    const syncDown = await cli('sync', `oss://${bucket}/tree/`, down, '--delete', '--json');
    expect(syncDown.code).toBe(0);
    expect(JSON.parse(syncDown.stdout.toString())).toMatchObject({
      counts: { downloaded: 1, deleted: 1, unchanged: 6 },
    });
    expect(await readTree(down)).toEqual(await readTree(src).then((t) => ({ ...t, 'skip/me.tmp': undefined })));

    // verify: every object matches without a single GET of its content; then one object overwritten differs.
    const gets = countRequests(
      Object.keys(files).map((n) => `tree/${n}`),
      { method: 'GET' },
    );
    const ok = await cli('verify', down, `oss://${bucket}/tree/`, '--json');
    expect([ok.code, ok.stderr]).toEqual([0, '']);
    expect(JSON.parse(ok.stdout.toString())).toMatchObject({ files: 7, counts: { verified: 7 }, failures: [] });
    await env.client().put('tree/a/b/big.bin', patternBytes(3 * 102416 + 5, 4));
    const bad = await cli('verify', down, `oss://${bucket}/tree/`, '--json');
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.stdout.toString()).failures).toEqual([
      { key: 'tree/a/b/big.bin', code: 'ERR_INTEGRITY', message: 'tree/a/b/big.bin: differs (content)' },
    ]);
    expect(bad.stderr).toBe('oss-cse: ERR_INTEGRITY: tree/a/b/big.bin: tree/a/b/big.bin: differs (content)\n');
    const single = await cli('verify', join(down, 'a/b/big.bin'), `oss://${bucket}/tree/a/b/big.bin`, '--json');
    expect(single.code).toBe(1);
    expect(JSON.parse(single.stdout.toString())).toMatchObject({ status: 'differs', reason: 'content' });
    expect(Object.values(gets.hits()).reduce((a, b) => a + b, 0)).toBe(0);
    gets.clear();
  });

  it('a batch killed with SIGKILL resumes from its journal: every object sent, finished ones never again', async () => {
    const src = join(env.dir, 'killed-tree');
    const names = Array.from({ length: 24 }, (_, i) => `f${String(i).padStart(2, '0')}.bin`);
    await writeTree(src, Object.fromEntries(names.map((n, i) => [n, patternBytes(1000 + i, i + 1)])));
    const journal = join(env.dir, 'killed.jsonl');
    const args = ['cp', '-r', src, `oss://${bucket}/killed/`, '--jobs', '3', '--journal', journal, '--json'];
    const puts = countRequests(
      names.map((n) => `killed/${n}`),
      { operation: 'PutObject' },
      120,
    );
    const { child, done } = startCli([...args, '--private-key', priv], vars);
    let finished: string[] = [];
    for (let polls = 0; finished.length < 6; polls++) {
      if (polls > 2000) throw new Error('the journal never held 6 entries');
      await new Promise((r) => setTimeout(r, 20));
      const text = await readFile(journal, 'utf8').catch(() => '');
      finished = text
        .split('\n')
        .slice(1, -1)
        .map((l) => (JSON.parse(l) as { key: string }).key);
    }
    child.kill('SIGKILL');
    expect((await done).signal).toBe('SIGKILL');
    const atKill = puts.hits();
    expect(Object.values(atKill).reduce((a, b) => a + b, 0)).toBeLessThan(names.length);

    const resumed = await cli(...args);
    expect([resumed.code, resumed.stderr]).toEqual([0, '']);
    const summary = JSON.parse(resumed.stdout.toString());
    expect(summary.fromJournal).toBeGreaterThanOrEqual(finished.length);
    expect(summary.fromJournal + summary.counts.uploaded).toBe(names.length);
    const hits = puts.hits();
    puts.clear();
    for (const key of finished) expect(hits[key]).toBe(1); // journaled before the kill: never sent again
    for (const n of names) expect(hits[`killed/${n}`]).toBeGreaterThanOrEqual(1);
    // Only the objects in flight at the kill (at most --jobs) went out twice.
    expect(Object.values(hits).reduce((a, b) => a + b, 0) - names.length).toBeLessThanOrEqual(3);
    await expect(readFile(journal)).rejects.toMatchObject({ code: 'ENOENT' }); // a completed job removes it
    const out = join(env.dir, 'killed-down');
    expect((await cli('cp', '-r', `oss://${bucket}/killed/`, out)).code).toBe(0);
    expect(await readTree(out)).toEqual(await readTree(src));
  });

  it('--shard 0/3, 1/3 and 2/3 together process each object exactly once', async () => {
    const src = join(env.dir, 'shard-tree');
    const names = Array.from({ length: 30 }, (_, i) => `d${i % 4}/s${i}.txt`);
    await writeTree(src, Object.fromEntries(names.map((n) => [n, Buffer.from(n)])));
    const puts = countRequests(
      names.map((n) => `shards/${n}`),
      { operation: 'PutObject' },
    );
    let total = 0;
    for (const shard of ['0/3', '1/3', '2/3']) {
      const r = await cli('cp', '-r', src, `oss://${bucket}/shards/`, '--shard', shard, '--json');
      expect([r.code, r.stderr]).toEqual([0, '']);
      const s = JSON.parse(r.stdout.toString());
      expect(s.files).toBeLessThan(names.length);
      total += s.counts.uploaded;
    }
    expect(total).toBe(names.length);
    expect(Object.values(puts.hits())).toEqual(names.map(() => 1));
    puts.clear();
    expect((await cli('cp', '-r', src, 'oss://x/', '--shard', '3/3')).code).toBe(2);
  });

  it('rewrap of a prefix: every object reads with the new key and not with the old; a re-run skips them all', async () => {
    const src = join(env.dir, 'rewrap-tree');
    await writeTree(src, {
      'r/1.txt': Buffer.from('one'),
      'r/2.bin': patternBytes(250_000, 8),
      '3.txt': Buffer.alloc(0),
    });
    expect((await cli('cp', '-r', src, `oss://${bucket}/rot/`)).code).toBe(0);
    const newKey = join(env.dir, 'new.pem');
    await writeFile(newKey, keys.other.private_key_pkcs1_pem);
    const dry = await cli('rewrap', `oss://${bucket}/rot/`, '--to-private-key', newKey, '--dry-run');
    expect(dry.stdout.toString().split('\n').sort()).toEqual([
      '',
      'would rewrap rot/3.txt',
      'would rewrap rot/r/1.txt',
      'would rewrap rot/r/2.bin',
    ]);
    const r = await cli('rewrap', `oss://${bucket}/rot/`, '--to-private-key', newKey, '--json');
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(JSON.parse(r.stdout.toString())).toMatchObject({ files: 3, counts: { rewrapped: 3 } });
    const oldClient = env.client();
    const newClient = env.client({ keyring: await keyringOf(keys.other.private_key_pkcs1_pem) });
    for (const [key, bytes] of [
      ['rot/r/1.txt', Buffer.from('one')],
      ['rot/r/2.bin', patternBytes(250_000, 8)],
      ['rot/3.txt', Buffer.alloc(0)],
    ] as const) {
      expect(sha256((await newClient.get(key)).body)).toBe(sha256(bytes));
      const failed = await oldClient.get(key).catch((e: unknown) => e);
      expect(failed).toBeInstanceOf(OssCseError);
      expect((failed as OssCseError).code).toMatch(/^ERR_(UNWRAP_FAILED|NO_MATCHING_KEY)$/);
    }
    const rerun = await runCli(
      ['rewrap', `oss://${bucket}/rot/`, '--to-private-key', newKey, '--private-key', newKey, '--json'],
      vars,
    );
    expect(rerun.code).toBe(0);
    expect(JSON.parse(rerun.stdout.toString())).toMatchObject({ files: 3, counts: { unchanged: 3 } });
  });

  it('cp without -r copies one object each way; usage errors exit 2', async () => {
    const file = join(env.dir, 'single.bin');
    await writeFile(file, patternBytes(5000, 11));
    const up = await cli('cp', file, `oss://${bucket}/single/one.bin`, '--json');
    expect([up.code, up.stderr]).toEqual([0, '']);
    const out = join(env.dir, 'single.out');
    expect((await cli('cp', `oss://${bucket}/single/one.bin`, out)).code).toBe(0);
    expect(sha256(await readFile(out))).toBe(sha256(patternBytes(5000, 11)));
    expect((await cli('cp', `oss://${bucket}/single/one.bin`, out)).stderr).toMatch(/^oss-cse: ERR_DESTINATION_EXISTS/);
    for (const args of [
      ['cp', file, join(env.dir, 'x')],
      ['cp', file, `oss://${bucket}/single/`],
      ['cp', '-r', env.dir, `oss://${bucket}/x/`, '--jobs', '0'],
      ['sync', env.dir, `oss://${bucket}/x/`, '--include', 'a/b'],
      ['rewrap', `oss://${bucket}/x/`],
    ]) {
      const r = await cli(...args);
      expect([r.code, r.stderr]).toEqual([2, expect.stringMatching(/^oss-cse: ERR_USAGE: /)]);
    }
  });
});
