// Watching what code under test calls, in Node and Chromium alike: every console method (third-party warnings
// count), and chosen methods of an object (which operations an application's ali-oss client was asked to do).
import { afterEach, beforeEach, vi } from 'vitest';

const CONSOLE_METHODS = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;

/**
 * Replaces every console method for each test of the calling file (restored after it); returns the lines printed.
 * @example
 * ```ts
 * const printed = watchConsole();
 * it('is quiet', async () => { await client.get('k'); expect(printed).toEqual([]); });
 * ```
 */
export function watchConsole(): string[] {
  const printed: string[] = [];
  beforeEach(() => {
    printed.length = 0;
    for (const m of CONSOLE_METHODS)
      vi.spyOn(console, m).mockImplementation((...args: unknown[]) => void printed.push(`${m}: ${args.join(' ')}`));
  });
  afterEach(() => vi.restoreAllMocks());
  return printed;
}

/**
 * Wraps `names` of `target` (own properties, the originals still called) and returns the names called, in order.
 * @example
 * ```ts
 * const calls = recordCalls(oss, ['put', 'uploadPart']);
 * ```
 */
export function recordCalls(target: object, names: readonly string[]): string[] {
  const calls: string[] = [];
  const methods = target as Record<string, (...args: unknown[]) => unknown>;
  for (const name of names) {
    const original = methods[name]!;
    methods[name] = function (this: unknown, ...args: unknown[]) {
      calls.push(name);
      return original.apply(this, args);
    };
  }
  return calls;
}
