// Bundles the runners of Chromium, Deno, Bun and workerd with Vite (rolldown) in one build: an ES module per
// runner plus the shared chunks, with the vectors' JSON inlined, so no runtime resolves a package at run time.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'vite';

export const BUNDLED_RUNNERS = ['browser', 'deno', 'bun', 'workerd'] as const;
export type BundledRunner = (typeof BUNDLED_RUNNERS)[number];

const srcDir = join(import.meta.dirname, '..', '..', 'src');

export interface Bundle {
  readonly dir: string;
  /** The file name of a runner's entry module in `dir`. */
  entry(runner: BundledRunner): string;
  /** Every module file in `dir` (what a workerd config must list). */
  readonly modules: readonly string[];
  /** Files the build emitted under `assets/` (the browser client's Worker script), as paths relative to `dir`. */
  readonly assets: readonly string[];
}

/** Builds every runner into `outDir` (web platform conditions, `source` first: no workspace build needed). */
export async function bundleRunners(outDir: string): Promise<Bundle> {
  await build({
    configFile: false,
    root: srcDir,
    logLevel: 'warn',
    resolve: { conditions: ['source', 'module', 'browser', 'development|production'] },
    build: {
      outDir,
      emptyOutDir: true,
      copyPublicDir: false,
      reportCompressedSize: false,
      minify: false,
      target: 'esnext',
      lib: {
        entry: Object.fromEntries(BUNDLED_RUNNERS.map((r) => [`run-${r}`, join(srcDir, `run-${r}.ts`)])),
        formats: ['es'],
        fileName: (_format, name) => `${name}.js`,
      },
      rolldownOptions: { output: { chunkFileNames: '[name]-[hash].js' } },
    },
  });
  const modules = readdirSync(outDir).filter((f) => f.endsWith('.js'));
  const assets = existsSync(join(outDir, 'assets'))
    ? readdirSync(join(outDir, 'assets')).map((f) => `assets/${f}`)
    : [];
  return { dir: outDir, entry: (runner) => `run-${runner}.js`, modules, assets };
}
