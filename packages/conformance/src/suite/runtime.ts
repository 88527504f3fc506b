// The run happens where it claims to, and the platform facts env.ts relies on hold.
import type { Suite } from '../harness/suite-api.js';
import { check, describeError, equal } from '../harness/assert.js';
import { detectRuntime, supports } from '../env.js';

/** The smallest valid WebAssembly module: magic and version. */
const EMPTY_MODULE = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);

export const runtime: Suite = {
  name: 'runtime',
  define(t, env) {
    t.test('runs in the runtime it was started for', async () => {
      equal(detectRuntime(), env.runtime, 'detected runtime');
    });

    t.test('compiling WebAssembly from bytes at run time works exactly where env.ts says', async () => {
      let outcome: unknown = null;
      try {
        await WebAssembly.compile(EMPTY_MODULE);
      } catch (e) {
        outcome = e;
      }
      if (supports(env.runtime, 'wasm-codegen')) {
        equal(outcome, null, 'WebAssembly.compile rejected');
      } else {
        check(
          outcome instanceof WebAssembly.CompileError && /disallowed/.test(outcome.message),
          `env.ts says ${env.runtime} refuses Wasm code generation, but WebAssembly.compile gave ${outcome === null ? 'a module' : describeError(outcome)}`,
        );
      }
    });
  },
};
