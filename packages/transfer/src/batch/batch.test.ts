// The runtime-neutral batch pieces: ossutil-style filters, shards, UTF-8 key order and the merge, the journal
// format, the job runner (journal, shard, failures, abort) and verify and rewrap of a prefix over a memory
// transport.
import { describe, expect, it } from 'vitest';
import { Keyring, OssCseError, type MasterKey } from '@oss-cse/core';
import { inlineCipherRunner } from '../cipher/inline-runner.js';
import { createContext } from '../client/client-options.js';
import { bytesSource } from '../source/part-source.js';
import { memoryClient, testMasterKey } from '../../test/support/engine-client.js';
import { MemoryTransport, pseudoRandom } from '../../test/support/memory-transport.js';
import {
  compareKeys,
  inShard,
  journalLine,
  keyHash,
  mergeSorted,
  nameFilter,
  parseJournal,
  parseShard,
  rewrapPrefix,
  runBatch,
  verifyObject,
  type JournalEntry,
  type JournalStore,
} from './index.js';

async function* from<T>(items: T[]): AsyncGenerator<T> {
  yield* items;
}
async function all<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

describe('nameFilter (ossutil semantics)', () => {
  it('matches the file name only; the last matching rule decides; the first rule sets the default', () => {
    const f = nameFilter([
      { kind: 'exclude', pattern: '*.tmp' },
      { kind: 'include', pattern: 'keep.tmp' },
    ]);
    expect(['a/x.tmp', 'keep.tmp', 'b/keep.tmp', 'x.txt', 'tmp/x.txt'].map((k) => f.matches(k))).toEqual([
      false,
      true,
      true,
      true,
      true,
    ]);
    const only = nameFilter([{ kind: 'include', pattern: '*.jp[eg]' }]);
    expect(['a.jpe', 'a.jpg', 'a.jpx', 'jpg/a.txt'].map((k) => only.matches(k))).toEqual([true, true, false, false]);
    const classes = nameFilter([{ kind: 'include', pattern: '[!a-c]?\\*' }]);
    expect(['dx*', 'ax*', 'dx1', 'dxx*'].map((k) => classes.matches(k))).toEqual([true, false, false, false]);
    expect(nameFilter([]).matches('anything')).toBe(true);
    expect(() => nameFilter([{ kind: 'include', pattern: 'a/b' }])).toThrow(OssCseError);
    expect(() => nameFilter([{ kind: 'include', pattern: '[ab' }])).toThrow(/unclosed/);
  });
});

describe('shards', () => {
  it('each key in exactly one shard, stable across runs (FNV-1a of the UTF-8 key)', () => {
    expect(keyHash('')).toBe(0x811c9dc5);
    expect(keyHash('a')).toBe(0xe40c292c);
    expect(keyHash('é')).not.toBe(keyHash('e'));
    const keys = Array.from({ length: 300 }, (_, i) => `dir/${i}/名前.bin`);
    const shards = [0, 1, 2].map((i) => parseShard(`${i}/3`));
    for (const k of keys) expect(shards.filter((s) => inShard(k, s))).toHaveLength(1);
    for (const s of shards) expect(keys.filter((k) => inShard(k, s)).length).toBeGreaterThan(50);
    expect(inShard('x', undefined)).toBe(true);
    for (const bad of ['3/3', '1/0', 'a/b', '-1/2', '1/70000']) expect(() => parseShard(bad)).toThrow(OssCseError);
  });
});

describe('key order and merge', () => {
  it('orders keys by UTF-8 bytes as OSS lists them, and merges two sorted streams', async () => {
    const keys = ['a/b', 'a-b', 'a', '\u{1F600}', '\uFFFD', 'Z', 'é'];
    expect([...keys].sort(compareKeys)).toEqual(['Z', 'a', 'a-b', 'a/b', 'é', '\uFFFD', '\u{1F600}']);
    const merged = await all(
      mergeSorted(
        from(['a', 'c', 'd']),
        from([{ k: 'b' }, { k: 'c' }]),
        (l) => l,
        (r) => r.k,
      ),
    );
    expect(merged.map((m) => [m.key, m.left !== undefined, m.right !== undefined])).toEqual([
      ['a', true, false],
      ['b', false, true],
      ['c', true, true],
      ['d', true, false],
    ]);
    await expect(
      all(
        mergeSorted(
          from(['b', 'a']),
          from<string>([]),
          (l) => l,
          (r) => r,
        ),
      ),
    ).rejects.toThrow(/not in UTF-8 byte order/);
  });
});

describe('journal format', () => {
  it('keeps keys, sizes, ETags and states only; ignores a torn last line; refuses another job', () => {
    const text =
      journalLine({ v: 1, job: 'J' }) +
      journalLine({ key: 'a', state: 'uploaded', size: 3, etag: '"E"' }) +
      journalLine({ key: 'b', state: 'deleted' }) +
      '{"key":"c","sta';
    expect(parseJournal(text, 'J')).toEqual([
      { key: 'a', state: 'uploaded', size: 3, etag: '"E"' },
      { key: 'b', state: 'deleted' },
    ]);
    expect(() => parseJournal(text, 'other')).toThrow(/another job/);
    expect(() => journalLine({ key: 'a', state: 'uploaded', cek: 'AAAA' } as JournalEntry)).toThrow(
      /field "cek" is not allowed/,
    );
    const forged = `${journalLine({ v: 1, job: 'J' })}{"key":"a","state":"uploaded","iv":"x"}\n`;
    expect(() => parseJournal(forged, 'J')).toThrow(OssCseError);
    expect(parseJournal('', 'J')).toEqual([]);
  });
});

/** A journal in memory, shared by the runs of one test. */
function memoryJournal(lines: string[] = []): JournalStore & { lines: string[]; closed: boolean[] } {
  const store = {
    lines,
    closed: [] as boolean[],
    async open(job: string) {
      if (lines.length === 0) lines.push(journalLine({ v: 1, job }));
      return parseJournal(lines.join(''), job);
    },
    async append(entry: JournalEntry) {
      lines.push(journalLine(entry));
    },
    async close(complete: boolean) {
      store.closed.push(complete);
    },
  };
  return store;
}

describe('runBatch', () => {
  const items = () => from(Array.from({ length: 20 }, (_, i) => ({ key: `k${String(i).padStart(2, '0')}`, size: i })));

  it('goes on after a failure, lists it with its code, and a second run does only what is left', async () => {
    const journal = memoryJournal();
    const processed: string[] = [];
    const first = await runBatch({
      items,
      keyOf: (x) => x.key,
      sizeOf: (x) => x.size,
      jobs: 3,
      journal,
      job: 'J',
      async process(x) {
        processed.push(x.key);
        if (x.key === 'k05') throw new OssCseError('ERR_ACCESS_DENIED', 'denied');
        if (x.key === 'k06') throw Object.assign(new Error('gone'), { code: 'ENOENT' });
        return { state: 'uploaded', size: x.size };
      },
    });
    expect(first.files).toBe(20);
    expect(first.counts).toEqual({ uploaded: 18 });
    expect(first.failures).toEqual([
      { key: 'k05', code: 'ERR_ACCESS_DENIED', message: 'denied' },
      { key: 'k06', code: 'ENOENT', message: 'gone' },
    ]);
    expect(journal.closed).toEqual([false]);
    processed.length = 0;
    const second = await runBatch({
      items,
      keyOf: (x) => x.key,
      sizeOf: (x) => x.size,
      journal,
      job: 'J',
      process: async (x) => {
        processed.push(x.key);
        return { state: 'uploaded' };
      },
    });
    expect(processed.sort()).toEqual(['k05', 'k06']);
    expect(second).toMatchObject({ files: 20, fromJournal: 18, counts: { uploaded: 2 }, failures: [] });
    expect(journal.closed).toEqual([false, true]);
  });

  it('takes only its shard; planned items are counted, not journaled; progress totals come from a count', async () => {
    const journal = memoryJournal();
    const seen: string[] = [];
    const progress: { filesTotal: number | null; filesDone: number }[] = [];
    const r = await runBatch({
      items,
      keyOf: (x) => x.key,
      sizeOf: (x) => x.size,
      shard: parseShard('1/2'),
      journal,
      job: 'J',
      onProgress: (p) => progress.push(p),
      process: async (x) => {
        seen.push(x.key);
        return { state: 'deleted', planned: true };
      },
    });
    const expected = Array.from({ length: 20 }, (_, i) => `k${String(i).padStart(2, '0')}`).filter((k) =>
      inShard(k, parseShard('1/2')),
    );
    expect(seen.sort()).toEqual(expected);
    expect(r.counts).toEqual({ deleted: expected.length });
    expect(journal.lines).toHaveLength(1); // the header only
    expect(progress.at(-1)).toMatchObject({ filesTotal: expected.length, filesDone: expected.length });
  });

  it('an abort stops the job and keeps the journal', async () => {
    const journal = memoryJournal();
    const controller = new AbortController();
    let n = 0;
    const run = runBatch({
      items,
      keyOf: (x) => x.key,
      sizeOf: (x) => x.size,
      jobs: 2,
      journal,
      job: 'J',
      signal: controller.signal,
      process: async () => {
        if (++n === 4) controller.abort(new Error('stop'));
        if (controller.signal.aborted) throw new Error('interrupted');
        return { state: 'uploaded' };
      },
    });
    await expect(run).rejects.toMatchObject({ code: 'ERR_ABORTED' });
    expect(journal.closed).toEqual([false]);
    expect(journal.lines.length).toBeLessThan(21);
  });
});

/** The engine context of a memory client's settings (what a runtime's client hands the batch functions). */
function engineContext(keyring: MasterKey, transport: MemoryTransport) {
  return createContext(
    {
      keyring: new Keyring(keyring),
      bucket: transport.bucket,
      transport,
      credentials: { accessKeyId: 'AKID', accessKeySecret: 'secret' },
      retry: { baseDelayMs: 1, maxDelayMs: 2 },
    },
    { createTransport: () => transport, createCipher: inlineCipherRunner },
  );
}

describe('verify and rewrap of a prefix (memory transport)', () => {
  it('verify: match, differs, missing, not encrypted, and never a GET', async () => {
    const key = await testMasterKey();
    const transport = new MemoryTransport();
    const { client } = memoryClient(key, { transport, multipartThreshold: 200_000, partSize: 102_400 });
    const ctx = engineContext(key, transport);
    const verify = (k: string, plaintext: Uint8Array | string) =>
      verifyObject(
        ctx,
        k,
        bytesSource(typeof plaintext === 'string' ? new TextEncoder().encode(plaintext) : plaintext),
      );
    const data = pseudoRandom(450_000, 3);
    await client.upload('big', data);
    await client.put('small', 'hello');
    await transport.putObject(
      'plain',
      new TextEncoder().encode('hello'),
      {},
      { credentials: { accessKeyId: 'AKID', accessKeySecret: 'secret' } },
    );
    transport.calls.length = 0;
    expect(await verify('big', data)).toEqual({ key: 'big', status: 'match', size: data.length });
    const other = data.slice();
    other[449_999]! ^= 1;
    expect(await verify('big', other)).toMatchObject({ status: 'differs', reason: 'content' });
    expect(await verify('small', 'hellO')).toMatchObject({ status: 'differs', reason: 'content' });
    expect(await verify('small', 'hello!')).toMatchObject({ status: 'differs', reason: 'size' });
    expect(await verify('nothing', 'x')).toMatchObject({ status: 'missing' });
    expect(await verify('plain', 'hello')).toMatchObject({ status: 'not-encrypted' });
    expect(transport.calls.filter((c) => c.startsWith('GetObject'))).toEqual([]);
    expect(transport.calls.filter((c) => c === 'HeadObject')).toHaveLength(6);
  });

  it('rewrapPrefix re-wraps every object once; a second run finds them under the new key', async () => {
    const oldKey = await testMasterKey();
    const newKey = await testMasterKey();
    const transport = new MemoryTransport();
    const { client } = memoryClient(oldKey, { transport });
    const ctx = engineContext(oldKey, transport);
    for (const k of ['p/a', 'p/b/c', 'q/other']) await client.put(k, `data of ${k}`);
    const first = await rewrapPrefix(ctx, 'p/', { to: newKey });
    expect(first).toMatchObject({ files: 2, counts: { rewrapped: 2 }, failures: [] });
    const { client: next } = memoryClient(newKey, { transport });
    expect(new TextDecoder().decode((await next.get('p/b/c')).body)).toBe('data of p/b/c');
    await expect(client.get('p/a')).rejects.toBeInstanceOf(OssCseError);
    expect(new TextDecoder().decode((await client.get('q/other')).body)).toBe('data of q/other');
    const again = await rewrapPrefix(ctx, 'p/', { to: newKey, dryRun: true });
    expect(again.counts).toEqual({ unchanged: 2 });
  });
});
