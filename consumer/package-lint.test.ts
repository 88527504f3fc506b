// Every tarball as published, through publint (package.json fields against the files shipped) and Are the Types
// Wrong (attw: each entry point's types under node10/node16/bundler resolution; profile esm-only, since the
// packages have no CommonJS build), as jose's CI checks its own.
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { PUBLIC_PACKAGES } from './setup/packages.js';
import { ROOT } from './setup/prepare.js';
import { runCommand } from '../scripts/test-support/processes.js';

const consumer = inject('consumer');
const bin = (name: string) => join(ROOT, 'node_modules/.bin', name);

describe.each(PUBLIC_PACKAGES)('@oss-cse/%s tarball', (name) => {
  it('publint: no error, warning or suggestion', async () => {
    const r = await runCommand(bin('publint'), ['run', consumer.tarballs[name], '--strict', '--level', 'suggestion'], {
      cwd: consumer.dir,
    });
    expect(r.stdout + r.stderr).not.toMatch(/^\s*\d+\. /m);
    expect(r.code, r.stdout + r.stderr).toBe(0);
  });

  it('attw (profile esm-only): every entry point resolves to its types', async () => {
    const r = await runCommand(bin('attw'), [consumer.tarballs[name], '--profile', 'esm-only', '--format', 'ascii'], {
      cwd: consumer.dir,
    });
    expect(r.code, r.stdout + r.stderr).toBe(0);
  });
});
