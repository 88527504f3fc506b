// The shell blocks a README marks as runnable: a fenced block whose info string is `sh runnable` (or `bash
// runnable`). Their commands are run as written by readme-commands.test.ts.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';

const FENCE = /^(`{3,}|~{3,})\s*(\S*)\s*(.*)$/;

/**
 * The runnable blocks of one Markdown text, with the line each starts on.
 * @example
 * runnableBlocks('```sh runnable\necho hi\n```\n'); // [{ line: 1, script: 'echo hi\n' }]
 */
export function runnableBlocks(markdown) {
  const blocks = [];
  let open;
  for (const [i, text] of markdown.split('\n').entries()) {
    const fence = FENCE.exec(text);
    if (open) {
      if (fence && fence[1].startsWith(open.fence) && fence[2] === '' && fence[3] === '') {
        if (open.runnable) blocks.push({ line: open.line, script: open.lines.join('\n') + '\n' });
        open = undefined;
      } else open.lines.push(text);
    } else if (fence) {
      const runnable = /^(sh|bash)$/.test(fence[2]) && fence[3].split(/\s+/).includes('runnable');
      open = { fence: fence[1], line: i + 1, runnable, lines: [] };
    }
  }
  return blocks;
}

/** Every README of the repository (the root's, packages', apps') with its runnable blocks. */
export function repositoryReadmes(root) {
  const files = ['README.md'];
  for (const dir of ['packages', 'apps'])
    for (const name of existsSync(join(root, dir)) ? readdirSync(join(root, dir)) : [])
      if (existsSync(join(root, dir, name, 'README.md'))) files.push(join(dir, name, 'README.md'));
  return files.map((file) => ({
    file: relative(root, join(root, file)),
    blocks: runnableBlocks(readFileSync(join(root, file), 'utf8')),
  }));
}
