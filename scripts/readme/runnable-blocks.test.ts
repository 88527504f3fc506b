// The extraction of runnable README blocks: only fenced `sh runnable` / `bash runnable` blocks, whole, with their line.
import { describe, expect, it } from 'vitest';
import { runnableBlocks } from './runnable-blocks.mjs';

describe('runnableBlocks', () => {
  it('takes the blocks marked runnable and nothing else', () => {
    const md = [
      '# T',
      '```sh',
      'not marked',
      '```',
      '```sh runnable',
      'echo one',
      '',
      'echo two # comment',
      '```',
      '````bash runnable',
      '```',
      'inside a longer fence',
      '````',
      '```js runnable',
      'not shell',
      '```',
      '```sh runnables',
      'not the marker',
      '```',
    ].join('\n');
    expect(runnableBlocks(md)).toEqual([
      { line: 5, script: 'echo one\n\necho two # comment\n' },
      { line: 10, script: '```\ninside a longer fence\n' },
    ]);
  });
});
