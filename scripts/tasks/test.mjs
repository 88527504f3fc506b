// `npm test`: build, then every tier: vitest in Node, vitest browser mode in Chromium, Playwright end to end, and the
// consumer tier (the packed packages installed with npm outside the workspace, consumer/).
import { randomUUID } from 'node:crypto';
import { mkdirSync, rmSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { run, mustRun } from '../setup/exec.mjs';
import { readVitestCounts, readPlaywrightCounts, addCounts } from './summary.mjs';

/** Tier names accepted as arguments: `npm test -- node browser e2e`. */
const TIERS = ['node', 'browser', 'e2e', 'consumer'];

export async function runTests({ root, pnpm, env }, args) {
  const wanted = args.length ? args : TIERS;
  for (const t of wanted)
    if (!TIERS.includes(t)) throw new Error(`unknown test tier "${t}" (known: ${TIERS.join(', ')})`);
  const out = join(root, 'test-results', 'reports');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });

  await mustRun(pnpm, ['run', 'build'], { cwd: root, env });
  await mustRun(pnpm, ['-r', '--if-present', 'run', 'typecheck'], { cwd: root, env });

  const results = [];
  const failures = [];
  // Formatter (Prettier, width 120) and linter (typescript-eslint, type-aware): a failure fails npm test.
  console.log('\n=== lint: prettier --check, eslint ===');
  if ((await run(pnpm, ['run', 'lint'], { cwd: root, env })) !== 0) failures.push('lint');
  // One id for every tier of this run: the reliability report merges only results that carry the same id.
  // OSS_CSE_BUILT: the consumer tier packs what was just built instead of building again.
  const vitestEnv = { ...env, OSS_CSE_TEST_RUN: `npm-test-${randomUUID()}`, OSS_CSE_BUILT: '1' };
  for (const tier of wanted) {
    console.log(`\n=== test tier: ${tier} ===`);
    if (tier === 'e2e') {
      if (!hasE2eTests(root)) {
        console.log('no Playwright tests yet');
        continue;
      }
      const file = join(out, 'playwright.json');
      const code = await run(pnpm, ['exec', 'playwright', 'test'], {
        cwd: root,
        env: { ...env, PLAYWRIGHT_JSON_OUTPUT_NAME: file },
      });
      results.push(readPlaywrightCounts(file));
      if (code !== 0) failures.push(tier);
    } else {
      const file = join(out, `vitest-${tier}.json`);
      const code = await run(
        pnpm,
        [
          'exec',
          'vitest',
          'run',
          '--project',
          tier,
          '--reporter=default',
          '--reporter=json',
          `--outputFile.json=${file}`,
        ],
        { cwd: root, env: vitestEnv },
      );
      results.push(readVitestCounts(file));
      if (code !== 0) failures.push(tier);
    }
  }
  const total = addCounts(results);
  console.log(`\ntiers run: ${wanted.join(', ')}${failures.length ? `; failing tiers: ${failures.join(', ')}` : ''}`);
  console.log(`oss-cse: ${total.passed} passed, ${total.failed} failed`);
  return failures.length || total.failed ? 1 : 0;
}

function hasE2eTests(root) {
  const dir = join(root, 'e2e');
  return existsSync(dir) && readdirSync(dir, { recursive: true }).some((f) => String(f).endsWith('.spec.ts'));
}
