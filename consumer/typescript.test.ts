// A TypeScript consumer of every public entry point of the installed tarballs, type-checked (library declarations
// included: skipLibCheck false) with moduleResolution bundler and node16.
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { runCommand } from '../scripts/test-support/processes.js';

const consumer = inject('consumer');

describe('TypeScript consumer of the installed tarballs', () => {
  it.each(['bundler', 'node16'])('type-checks with moduleResolution %s', async (resolution) => {
    const r = await runCommand('npx', ['--no-install', 'tsc', '-p', `tsconfig.${resolution}.json`], {
      cwd: join(consumer.app, 'ts'),
    });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.code).toBe(0);
  });
});
