// The README's promises: every shell block marked `sh runnable` in every README runs as written, each in a fresh
// empty directory of the checkout (gitignored .oss-cse/), against the emulator started with `pnpm exec
// oss-cse-emulator` from that directory (the root depends on the emulator package), with OSS_ENDPOINT, OSS_REGION
// and the emulator's keys in the environment as a reader would set them. Needs the packages built (npm test does).
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand, startServer } from '../test-support/processes.js';
import { repositoryReadmes } from './runnable-blocks.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const readmes = repositoryReadmes(ROOT);
const blocks = readmes.flatMap(({ file, blocks: found }) => found.map((b) => ({ ...b, name: `${file}:${b.line}` })));

let emulator: Awaited<ReturnType<typeof startServer>> | undefined;
let env: NodeJS.ProcessEnv;
let scratch: string;

beforeAll(async () => {
  for (const bin of ['packages/node/dist/cli/main.js', 'packages/emulator/dist/cli.js'])
    if (!existsSync(join(ROOT, bin))) throw new Error(`${bin} is missing: run pnpm run build first`);
  await mkdir(join(ROOT, '.oss-cse'), { recursive: true });
  scratch = await mkdtemp(join(ROOT, '.oss-cse', 'readme-'));
  // From a directory of the checkout, as the root README says: pnpm exec oss-cse-emulator.
  emulator = await startServer('pnpm', ['exec', 'oss-cse-emulator', '--port', '0', '--bucket', 'my-bucket'], {
    cwd: scratch,
    ready: /^\{.*"ossEndpoint"/,
  });
  const started = JSON.parse(emulator.line) as Record<string, string>;
  env = {
    OSS_ENDPOINT: started['ossEndpoint'],
    OSS_REGION: started['region'],
    OSS_ACCESS_KEY_ID: started['accessKeyId'],
    OSS_ACCESS_KEY_SECRET: started['accessKeySecret'],
  };
}, 120_000);

afterAll(async () => {
  await emulator?.stop();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

describe("the READMEs' runnable commands", () => {
  it('the root README and the node README have runnable blocks', () => {
    const files = readmes.filter((r) => r.blocks.length > 0).map((r) => r.file);
    expect(files).toEqual(expect.arrayContaining(['README.md', 'packages/node/README.md']));
  });

  it.each(blocks.map((b) => [b.name, b]))('%s runs as written', async (_name, block) => {
    const dir = await mkdtemp(join(scratch, 'block-'));
    // pnpm exec puts the checkout's node_modules/.bin on PATH (oss-cse, oss-cse-emulator) as for a reader there.
    const r = await runCommand('pnpm', ['exec', 'bash', '-euo', 'pipefail', '-c', block.script], { cwd: dir, env });
    expect(r.code, `${r.stdout.slice(-2000)}\n${r.stderr.slice(-2000)}`).toBe(0);
    expect(r.stderr).not.toMatch(/oss-cse: ERR_|Error:/);
  });
});
