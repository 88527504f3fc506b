// `npm run docs` in npm test: the API reference builds without a warning (a missing comment, a missing @example or an
// example that does not compile fails it), and the gate catches each of those on a fixture.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');

function typedoc(...args: string[]) {
  const bin = join(root, 'node_modules', 'typedoc', 'bin', 'typedoc');
  const run = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env } });
  // eslint-disable-next-line no-control-regex
  return { status: run.status, output: `${run.stdout}${run.stderr}`.replace(/\x1b\[[0-9;]*m/g, '') };
}

describe('API reference (npm run docs)', () => {
  it('builds from the public entry points without a warning', () => {
    const { status, output } = typedoc();
    expect(output).not.toMatch(/\[warning\]|\[error\]/);
    expect(status, output).toBe(0);
    for (const page of ['README.md', 'api.json']) expect(existsSync(join(root, 'docs', 'api', page)), page).toBe(true);
    const model = JSON.parse(readFileSync(join(root, 'docs', 'api', 'api.json'), 'utf8')) as {
      children: { name: string }[];
    };
    expect(model.children.map((m) => m.name).sort()).toEqual([
      '@oss-cse/browser',
      '@oss-cse/browser/service-worker',
      '@oss-cse/core',
      '@oss-cse/core/errors',
      '@oss-cse/emulator',
      '@oss-cse/emulator/testing',
      '@oss-cse/kms',
      '@oss-cse/kms/relay',
      '@oss-cse/node',
      '@oss-cse/transfer',
      '@oss-cse/transfer/client-api',
    ]);
  }, 300_000);

  it('fails on a missing comment, a missing @example and an example that does not compile', () => {
    const { status, output } = typedoc('--options', 'scripts/docs/fixtures/typedoc.gate.mjs');
    expect(status, output).not.toBe(0);
    expect(output).toMatch(/undocumented \(CallSignature\).* does not have any documentation/);
    expect(output).toContain('withoutExample is exported but its comment has no @example');
    expect(output).toMatch(/brokenExample: @example line 2: Type 'string' is not assignable to type 'number'/);
    expect(output).not.toMatch(/^\[warning\] documented/m);
  }, 300_000);
});
