// `npm run docs`: the API reference of the public entry points (each package's `exports`), in Markdown under
// docs/api/ (git-ignored) with the same model as JSON beside it. Every warning is an error: a missing comment, a
// broken link, an exported function or class without @example, an example that does not compile
// (scripts/docs/plugin.mjs).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sourcePaths } from './scripts/docs/compile-examples.mjs';

// Exports that predate the gate and still wait for a comment. The list may only shrink: TypeDoc fails on a name on it
// that is documented now or gone.
const debt = JSON.parse(readFileSync(new URL('./scripts/docs/docs-debt.json', import.meta.url), 'utf8'));

/** @type {Partial<import('typedoc').TypeDocOptions>} */
export default {
  name: 'oss-cse API reference',
  entryPoints: [
    'packages/core/src/index.ts',
    'packages/core/src/errors.ts',
    'packages/transfer/src/index.ts',
    'packages/transfer/src/client-api.ts',
    'packages/kms/src/index.ts',
    'packages/kms/src/relay/index.ts',
    'packages/node/src/index.ts',
    'packages/browser/src/index.ts',
    'packages/browser/src/service-worker/index.ts',
    'packages/emulator/src/index.ts',
    'packages/emulator/src/testing.ts',
  ],
  tsconfig: 'tsconfig.docs.json',
  // The packages' sources, not their built declarations: `exports` lists `types` first, so TypeScript would take
  // dist/*.d.ts (stale or missing) over the "source" condition.
  compilerOptions: { paths: sourcePaths(fileURLToPath(new URL('.', import.meta.url))) },
  plugin: ['typedoc-plugin-markdown', './scripts/docs/plugin.mjs'],
  outputs: [
    {
      name: 'markdown',
      path: 'docs/api',
    },
    {
      name: 'json',
      path: 'docs/api/api.json',
    },
  ],
  readme: 'none',
  excludePrivate: true,
  excludeProtected: false,
  excludeInternal: true,
  excludeExternals: true,
  excludeNotDocumented: false,
  disableSources: true,
  validation: {
    notExported: true,
    invalidLink: true,
    invalidPath: true,
    rewrittenLink: true,
    notDocumented: true,
    unusedMergeModuleWith: true,
  },
  requiredToBeDocumented: [
    'Enum',
    'EnumMember',
    'Variable',
    'Function',
    'Class',
    'Interface',
    'Property',
    'Method',
    'Accessor',
    'TypeAlias',
  ],
  treatWarningsAsErrors: true,
  treatValidationWarningsAsErrors: true,
  packagesRequiringDocumentation: [
    '@oss-cse/core',
    '@oss-cse/transfer',
    '@oss-cse/kms',
    '@oss-cse/node',
    '@oss-cse/browser',
    '@oss-cse/emulator',
  ],
  intentionallyNotDocumented: debt.notDocumented,
};
