// The installed tarballs from Node: an ESM program (offline encryption, put/get, multipart upload and download,
// STS through @oss-cse/kms, the fetch client) against the emulator started from the installed @oss-cse/emulator;
// CommonJS require() of every package through Node's require(esm).
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { runCommand } from '../scripts/test-support/processes.js';

const consumer = inject('consumer');

describe('Node consumer of the installed tarballs', () => {
  it('an ESM program encrypts, puts, gets, uploads in parts and downloads against the emulator', async () => {
    const r = await runCommand('node', ['esm-roundtrip.mjs'], {
      cwd: consumer.app,
      env: { EMULATOR: JSON.stringify(consumer.emulator) },
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      opened: 'offline',
      small: 'hello from a consumer',
      parts: 4,
      same: true,
      range: Array.from({ length: 10 }, (_, i) => ((1000 + i) * 7 + 3) & 255),
      fetched: 'hello from a consumer',
    });
  });

  it('require() loads every package (ESM only, through require(esm) on Node >= 20.19)', async () => {
    const r = await runCommand('node', ['require.cjs'], { cwd: consumer.app });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual({
      core: 'function',
      errors: 'function',
      transfer: 'function',
      kms: 'function',
      node: 'function',
      emulator: 'function',
    });
  });

  it('the packages installed from the tarballs, not linked from the workspace', async () => {
    const r = await runCommand('npm', ['ls', '--all', '--parseable', '--long'], { cwd: consumer.app });
    const ours = r.stdout.split('\n').filter((l) => l.includes('@oss-cse/'));
    expect(ours.length).toBeGreaterThanOrEqual(6);
    for (const line of ours) expect(line.startsWith(join(consumer.app, 'node_modules')), line).toBe(true);
  });
});
