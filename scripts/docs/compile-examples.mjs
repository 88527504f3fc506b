// Type-checks the code of every @example against the packages' sources, so that the reference shows only examples
// that compile against the real API. Each ```ts block becomes one ES module; imports of @oss-cse/* resolve to the
// sources named by the packages' `exports` (the "source" condition).
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

const FENCE = /```(ts|typescript)\n([\s\S]*?)```/g;

/** The ```ts blocks of an example text (none for an example without code). */
export function codeBlocks(text) {
  return [...text.matchAll(FENCE)].map((m) => m[2]);
}

/** `paths` entries mapping each public package's export subpaths to their source files. */
export function sourcePaths(root) {
  const paths = {};
  const packages = join(root, 'packages');
  for (const dir of readdirSync(packages)) {
    const file = join(packages, dir, 'package.json');
    if (!existsSync(file)) continue;
    const pkg = JSON.parse(readFileSync(file, 'utf8'));
    for (const [subpath, target] of Object.entries(pkg.exports ?? {})) {
      if (typeof target !== 'object' || typeof target.source !== 'string') continue;
      paths[join(pkg.name, subpath)] = [join(packages, dir, target.source)];
    }
  }
  return paths;
}

/**
 * Where the examples of a symbol are written: under its package (`@oss-cse/kms.KmsClient` → packages/kms), so that
 * their bare imports (`ali-oss`, `node:fs`) resolve against that package's dependencies, as in a consumer's project.
 */
function exampleDir(root, name) {
  const pkg = /^@oss-cse\/([\w-]+)/.exec(name)?.[1];
  const home = pkg && existsSync(join(root, 'packages', pkg)) ? join(root, 'packages', pkg) : root;
  return join(home, 'node_modules', '.cache', 'oss-cse-doc-examples');
}

/**
 * Compiles `blocks` ({ name, text }) and returns one problem ({ name, message }) per compile error: the documented
 * symbol and the line inside its example. Examples without a ```ts block are errors too.
 */
export function compileExamples(root, blocks) {
  const dirs = new Set();
  const problems = [];
  const files = new Map();
  blocks.forEach(({ name, text }, i) => {
    const code = codeBlocks(text);
    if (!code.length) problems.push({ name, message: '@example has no ```ts code block' });
    code.forEach((source, j) => {
      const dir = exampleDir(root, name);
      if (!dirs.has(dir)) rmSync(dir, { recursive: true, force: true });
      dirs.add(dir);
      mkdirSync(dir, { recursive: true });
      const file = join(dir, `example-${i}-${j}.mts`);
      // `export {}` keeps a block without imports a module (top-level await, no clash of names between blocks).
      writeFileSync(file, `${source}\nexport {};\n`);
      files.set(file, name);
    });
  });
  const options = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    lib: ['lib.es2022.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
    types: ['node'],
    typeRoots: [join(root, 'node_modules', '@types')],
    paths: sourcePaths(root),
    strict: true,
    noUncheckedIndexedAccess: true,
    skipLibCheck: true,
    noEmit: true,
    allowImportingTsExtensions: true,
  };
  const program = ts.createProgram([...files.keys()], options);
  for (const [file, name] of files) {
    const source = program.getSourceFile(file);
    const diagnostics = [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)];
    for (const d of diagnostics) {
      const line = d.start === undefined ? 0 : source.getLineAndCharacterOfPosition(d.start).line + 1;
      problems.push({ name, message: `@example line ${line}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}` });
    }
  }
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  return problems;
}
