// What a page loads: its entry chunks and their static imports, plus the on-demand chunks its own flow fetches
// (named by a module they hold) and their static imports; everything else is on demand.
import { describe, expect, it } from 'vitest';
import { partition } from '../../bench/src/bundle-size.mjs';

const chunk = (fileName: string, modules: string[], imports: string[] = [], isEntry = false) => ({
  fileName,
  isEntry,
  imports,
  modules: Object.fromEntries(modules.map((m) => [m, {}])),
});
const chunks = [
  chunk('entry.js', ['/w/app.js'], ['shared.js'], true),
  chunk('shared.js', ['/w/packages/core/src/errors.ts']),
  chunk('upload.js', ['/w/packages/transfer/src/upload/upload.ts'], ['multipart.js', 'shared.js']),
  chunk('multipart.js', ['/w/packages/transfer/src/upload/encrypted-multipart-upload.ts']),
  chunk('rewrap.js', ['/w/packages/transfer/src/upload/rewrap.ts'], ['upload.js']),
];
const names = (list: { fileName: string }[]) => list.map((c) => c.fileName);

describe('partition', () => {
  it('counts the entries and their static imports, the rest on demand', () => {
    const p = partition(chunks);
    expect(names(p.initial)).toEqual(['entry.js', 'shared.js']);
    expect(names(p.fetched)).toEqual([]);
    expect(names(p.lazy)).toEqual(['upload.js', 'multipart.js', 'rewrap.js']);
  });

  it('counts the chunks the flow fetches, with what they import, as loaded', () => {
    const p = partition(chunks, ['packages/transfer/src/upload/upload.ts']);
    expect(names(p.initial)).toEqual(['entry.js', 'shared.js', 'upload.js', 'multipart.js']);
    expect(names(p.fetched)).toEqual(['upload.js', 'multipart.js']);
    expect(names(p.lazy)).toEqual(['rewrap.js']);
  });

  it('refuses a fetched module that no chunk holds (a renamed file must not drop out of the count)', () => {
    expect(() => partition(chunks, ['packages/transfer/src/upload/gone.ts'])).toThrow(/no chunk holds/);
  });
});
