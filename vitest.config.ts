import { defineConfig } from 'vitest/config';
import { playwright } from '@vitest/browser-playwright';
import { chromiumLaunchOptions } from './scripts/chromium-launch.mjs';
import { reliabilityCommands } from './packages/reliability/test/browser-commands.js';

// Tests run against package sources through the "source" export condition: no build needed.
const conditions = ['source', 'module', 'browser', 'development|production'];
const nodeConditions = ['source', 'module', 'node', 'development|production'];

/** Packages whose shared conformance suites (`*.test.ts`) run in Chromium as well as in Node. */
const browserPackages = ['core', 'transfer', 'kms', 'browser', 'reliability'];

export default defineConfig({
  test: {
    projects: [
      {
        resolve: { conditions: nodeConditions },
        ssr: { resolve: { conditions: nodeConditions, externalConditions: ['source'] } },
        test: {
          name: 'node',
          environment: 'node',
          include: [
            'packages/*/src/**/*.test.ts',
            'packages/*/test/**/*.test.ts',
            'apps/*/src/**/*.test.ts',
            'apps/*/server/**/*.test.ts',
            'scripts/**/*.test.ts',
            'bench/test/**/*.test.ts',
          ],
          exclude: ['**/node_modules/**', '**/dist/**', '**/*.browser.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        // The published packages as a consumer gets them (consumer/README: packed, installed with npm outside the
        // workspace, run in Node, a Vite app in Chromium, TypeScript, publint and attw).
        test: {
          name: 'consumer',
          environment: 'node',
          include: ['consumer/**/*.test.ts'],
          exclude: ['**/node_modules/**', 'consumer/fixtures/**'],
          globalSetup: ['consumer/setup/global-setup.ts'],
          testTimeout: 300_000,
          hookTimeout: 300_000,
        },
      },
      {
        resolve: { conditions },
        test: {
          name: 'browser',
          include: browserPackages.map((p) => `packages/${p}/src/**/*.test.ts`),
          // Emulator + KMS relays for the KMS browser tests (provided as `kmsRelay`).
          globalSetup: [
            'packages/kms/test/browser-global-setup.ts',
            'packages/reliability/test/browser-global-setup.ts',
            'packages/transfer/test/browser-global-setup.ts',
          ],
          exclude: ['**/node_modules/**', '**/dist/**', '**/*.node.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          browser: {
            enabled: true,
            headless: true,
            provider: playwright({ launchOptions: chromiumLaunchOptions() }),
            instances: [{ browser: 'chromium' }],
            screenshotFailures: false,
            // Node-side helpers the reliability suite calls from Chromium (fault injection, independent reads).
            commands: reliabilityCommands,
          },
        },
      },
    ],
  },
});
