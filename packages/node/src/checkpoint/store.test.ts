// Checkpoint files: atomic replacement, version and kind checks, stable names.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CheckpointWriter, checkpointPath, deleteCheckpoint, readCheckpoint, writeCheckpoint } from './store.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'oss-cse-checkpoint-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('checkpoint store', () => {
  it('writes atomically (no temp files left) and reads back; a missing file is undefined', async () => {
    const path = join(dir, 'a.json');
    expect(await readCheckpoint(path, 'upload', 1)).toBeUndefined();
    await writeCheckpoint(path, { version: 1, kind: 'upload', parts: [1] });
    await writeCheckpoint(path, { version: 1, kind: 'upload', parts: [1, 2] });
    expect(await readCheckpoint(path, 'upload', 1)).toEqual({ version: 1, kind: 'upload', parts: [1, 2] });
    expect(await readdir(dir)).toEqual(['a.json']);
  });

  it('refuses corrupt files and other kinds or versions with ERR_CHECKPOINT', async () => {
    const path = join(dir, 'b.json');
    await writeFile(path, '{"version":1,"kind":"upl');
    await expect(readCheckpoint(path, 'upload', 1)).rejects.toMatchObject({ code: 'ERR_CHECKPOINT' });
    await writeFile(path, '{"version":1,"kind":"download"}');
    await expect(readCheckpoint(path, 'upload', 1)).rejects.toMatchObject({ code: 'ERR_CHECKPOINT' });
    await writeFile(path, '{"version":2,"kind":"upload"}');
    await expect(readCheckpoint(path, 'upload', 1)).rejects.toMatchObject({ code: 'ERR_CHECKPOINT' });
  });

  it('serialises concurrent saves so the last state wins', async () => {
    const path = join(dir, 'c.json');
    const writer = new CheckpointWriter(path);
    const state = { version: 1, kind: 'upload', parts: [] as number[] };
    await Promise.all(Array.from({ length: 20 }, (_, i) => { state.parts.push(i); return writer.save(() => ({ ...state, parts: [...state.parts] })); }));
    expect((await readCheckpoint<typeof state>(path, 'upload', 1))!.parts).toHaveLength(20);
  });

  it('deleting removes the temporary files of a writer killed mid-write', async () => {
    const path = join(dir, 'd.json');
    await writeCheckpoint(path, { version: 1, kind: 'upload' });
    await writeFile(`${path}.abc123.tmp`, '{"half');
    await writeFile(join(dir, 'other.json.abc.tmp'), 'not ours');
    await deleteCheckpoint(path);
    expect((await readdir(dir)).filter((f) => f.startsWith('d.json') || f.startsWith('other'))).toEqual(['other.json.abc.tmp']);
  });

  it('names a checkpoint after its transfer', () => {
    const a = checkpointPath('/cp', 'upload', 'b', 'k', '/f');
    expect(a).toBe(checkpointPath('/cp', 'upload', 'b', 'k', '/f'));
    expect(a).not.toBe(checkpointPath('/cp', 'upload', 'b', 'k2', '/f'));
    expect(a).not.toBe(checkpointPath('/cp', 'download', 'b', 'k', '/f'));
  });
});
