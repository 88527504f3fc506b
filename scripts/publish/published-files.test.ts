// What each public package would publish (`npm pack --dry-run`, the file list npm and pnpm both derive from
// `files`): no tests, test helpers or fixtures, compiled or not; a LICENSE; every `exports` and `bin` target present,
// `types` first in every conditions object; source maps whose sources ship too; `sideEffects` declared, and every
// module loaded by URL (the browser's Worker) present and listed as having side effects so tree-shaking keeps it.
// Reads the built `dist/`: npm test builds first; run `pnpm run build` before running this file alone.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

interface Manifest {
  name: string;
  private?: boolean;
  files?: string[];
  exports?: unknown;
  bin?: string | Record<string, string>;
  sideEffects?: boolean | string[];
}

/** Every workspace package under packages/ that is not private: what gets published. */
const PUBLIC = readdirSync(join(root, 'packages'))
  .map((name) => join(root, 'packages', name))
  .filter((dir) => existsSync(join(dir, 'package.json')))
  .map((dir) => ({ dir, manifest: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest }))
  .filter(({ manifest }) => manifest.private !== true);

/** Paths that are tests, test helpers or test data, wherever they sit. */
const TEST_PATH = /(^|\/)(tests?|__tests__|test-support|__fixtures__|fixtures)(\/|$)|\.(test|spec)\.|test-support/;
/** What only tests import: a shipped module importing one of these is test code. */
const TEST_IMPORT = /from\s+['"](vitest|@vitest\/[^'"]*|fast-check|@oss-cse\/test-vectors)['"]|\/test\/support\//;

const packed = new Map<string, Set<string>>();

beforeAll(async () => {
  const run = promisify(execFile);
  await Promise.all(
    PUBLIC.map(async ({ dir, manifest }) => {
      const { stdout } = await run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
        cwd: dir,
        maxBuffer: 64 * 1024 * 1024,
      });
      const [result] = JSON.parse(stdout) as [{ files: { path: string }[] }];
      packed.set(manifest.name, new Set(result.files.map((f) => f.path)));
    }),
  );
}, 120_000);

/** Every string target under an `exports` value, with the path of conditions leading to it. */
function targets(value: unknown, at: string): [string, string][] {
  if (typeof value === 'string') return [[at, value]];
  if (Array.isArray(value)) return value.flatMap((v, i) => targets(v, `${at}[${i}]`));
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => targets(v, at ? `${at} > ${k}` : k));
  return [];
}

/** Every conditions object (keys not starting with '.') under an `exports` value. */
function conditionObjects(value: unknown, at: string): [string, string[]][] {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return [];
  const keys = Object.keys(value);
  const own: [string, string[]][] = keys.some((k) => !k.startsWith('.')) ? [[at || '.', keys]] : [];
  return [...own, ...Object.entries(value).flatMap(([k, v]) => conditionObjects(v, at ? `${at} > ${k}` : k))];
}

const inPackage = (target: string) => posix.normalize(target).replace(/^\.\//, '');

describe.each(PUBLIC.map((p) => [p.manifest.name, p] as const))('%s', (name, { dir, manifest }) => {
  const files = () => packed.get(name)!;
  const shipped = (suffix: RegExp) => [...files()].filter((f) => suffix.test(f));
  const read = (file: string) => readFileSync(join(dir, file), 'utf8');

  it('is built and declares what it publishes (`files`)', () => {
    expect(manifest.files, 'package.json "files"').toBeDefined();
    expect(shipped(/^dist\/.*\.js$/).length, 'no dist/*.js in the tarball: run `pnpm run build` first').toBeGreaterThan(
      0,
    );
  });

  it('ships a LICENSE (MIT, as package.json says)', () => {
    expect(files().has('LICENSE'), 'LICENSE in the tarball').toBe(true);
    expect(read('LICENSE')).toMatch(/^MIT License\n/);
    expect(JSON.parse(read('package.json')).license).toBe('MIT');
  });

  it('ships no tests, test helpers or test data, as sources or compiled', () => {
    expect([...files()].filter((f) => TEST_PATH.test(f))).toEqual([]);
    const importsTestCode = shipped(/\.(m?js|ts)$/).filter((f) => TEST_IMPORT.test(read(f)));
    expect(importsTestCode, 'shipped modules importing test-only code').toEqual([]);
  });

  it('every `exports` and `bin` target is in the tarball, `types` first in every conditions object', () => {
    expect(manifest.exports, 'package.json "exports"').toBeDefined();
    const bins = typeof manifest.bin === 'string' ? { bin: manifest.bin } : (manifest.bin ?? {});
    const all = [...targets(manifest.exports, ''), ...Object.entries(bins).map(([k, v]) => [`bin ${k}`, v] as const)];
    expect(all.filter(([, target]) => !files().has(inPackage(target))).map(([at, t]) => `${at}: ${t}`)).toEqual([]);
    const misordered = conditionObjects(manifest.exports, '').filter(([, keys]) => keys[0] !== 'types');
    expect(misordered.map(([at, keys]) => `${at}: ${keys.join(', ')}`)).toEqual([]);
  });

  it('source maps point at sources that ship', () => {
    const missing = shipped(/\.map$/).flatMap((map) => {
      const { sources } = JSON.parse(read(map)) as { sources: string[] };
      return sources
        .map((s) => posix.normalize(posix.join(posix.dirname(map), s)))
        .filter((s) => !files().has(s))
        .map((s) => `${map} -> ${s}`);
    });
    expect(missing.slice(0, 10)).toEqual([]);
  });

  it('declares `sideEffects`; a module loaded by URL (a Worker) ships and is listed as having side effects', () => {
    expect(manifest.sideEffects, 'package.json "sideEffects"').toBeDefined();
    const byUrl = shipped(/^dist\/.*\.js$/).flatMap((file) =>
      [...read(file).matchAll(/new URL\(\s*['"]([^'"]+)['"],\s*import\.meta\.url\s*\)/g)].map((m) =>
        posix.normalize(posix.join(posix.dirname(file), m[1]!)),
      ),
    );
    for (const target of byUrl) {
      expect(files().has(target), `${target} (loaded by URL) in the tarball`).toBe(true);
      const declared = Array.isArray(manifest.sideEffects) ? manifest.sideEffects.map(inPackage) : [];
      expect(declared, `${target} listed in "sideEffects"`).toContain(target);
    }
  });
});
