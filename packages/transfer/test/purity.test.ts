// The engine must run unchanged in Node 20, browsers, Workers, Deno, Bun and workerd: only web platform APIs
// (WebCrypto, Web Streams, fetch types, AbortSignal, Blob), no Node built-ins, Buffer or process.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const src = join(import.meta.dirname, '..', 'src');
const files = (readdirSync(src, { recursive: true }) as string[])
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.node.test.ts'))
  .map((f) => join(src, f));

describe('@oss-cse/transfer purity', () => {
  it('has sources to check', () => {
    expect(files.length).toBeGreaterThan(2);
  });
  it.each(files.map((f) => [f.slice(src.length + 1), f]))(
    '%s imports no Node built-in and uses no Buffer/process',
    (_, file) => {
      const code = readFileSync(file, 'utf8')
        .replace(/\/\/.*$/gm, '')
        .replace(/\/\*[\s\S]*?\*\//g, '');
      expect(code).not.toMatch(
        /from\s+['"](node:|fs|path|crypto|stream|buffer|os|util|http|https|zlib|child_process|ali-oss)['"/]/,
      );
      expect(code).not.toMatch(/require\(/);
      expect(code).not.toMatch(/\bBuffer\.|\bprocess\.|\bsetImmediate\(/);
    },
  );
  it('declares lib ES2022+DOM and no ambient types', () => {
    const tsconfig = JSON.parse(readFileSync(join(src, '..', 'tsconfig.json'), 'utf8'));
    expect(tsconfig.compilerOptions.types).toEqual([]);
    expect(tsconfig.compilerOptions.lib).toContain('DOM');
  });
});
