// The core entry of @oss-cse/kms must run in browsers and Workers: no Node built-ins, Buffer or process
// outside the Node-only relay subpath and Node-only tests.
import { readdirSync, readFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const src = join(import.meta.dirname, '..', 'src');
const files = (readdirSync(src, { recursive: true }) as string[])
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.node.test.ts') && !f.startsWith(`relay${sep}`))
  .map((f) => join(src, f));

describe('@oss-cse/kms purity', () => {
  it('has sources to check', () => {
    expect(files.length).toBeGreaterThan(15);
  });

  it.each(files.map((f) => [f.slice(src.length + 1), f]))(
    '%s imports no Node built-in and uses no Buffer/process',
    (_, file) => {
      const code = readFileSync(file, 'utf8')
        .replace(/\/\/.*$/gm, '')
        .replace(/\/\*[\s\S]*?\*\//g, '');
      expect(code).not.toMatch(
        /from\s+['"](node:|fs|path|crypto|stream|buffer|os|util|http|https|zlib|child_process)['"/]/,
      );
      expect(code).not.toMatch(/require\(/);
      expect(code).not.toMatch(/\bBuffer\.|\bprocess\./);
    },
  );

  it('compiles the core entry with lib ES2022+DOM and no ambient types; the relay is a separate subpath', () => {
    const tsconfig = JSON.parse(readFileSync(join(src, '..', 'tsconfig.json'), 'utf8'));
    expect(tsconfig.compilerOptions.types).toEqual([]);
    expect(tsconfig.compilerOptions.lib).toContain('DOM');
    expect(tsconfig.exclude).toContain('src/relay/**');
    const pkg = JSON.parse(readFileSync(join(src, '..', 'package.json'), 'utf8'));
    expect(Object.keys(pkg.exports)).toEqual(['.', './relay']);
  });
});
