#!/usr/bin/env node
// The one entry point behind `npm test`, `npm start`, `npm run setup` and `npm run bench`.
// It must work on a brand-new machine with only Node 20 and npm, so it uses Node built-ins only.
import { runSetup } from './setup/index.mjs';
import { runTests } from './tasks/test.mjs';
import { runStart } from './tasks/start.mjs';
import { runBench } from './tasks/bench.mjs';

const tasks = {
  setup: async () => {
    await runSetup();
  },
  test: async (args) => runTests(await runSetup(), args),
  start: async (args) => runStart(await runSetup(), args),
  bench: async (args) => runBench(await runSetup(), args),
};

const [name, ...args] = process.argv.slice(2);
const task = tasks[name ?? ''];
if (!task) {
  console.error(`usage: node scripts/dev.mjs <${Object.keys(tasks).join('|')}> [args]`);
  process.exit(2);
}
try {
  const code = await task(args);
  process.exitCode = typeof code === 'number' ? code : 0;
} catch (err) {
  console.error(`oss-cse dev: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
}
