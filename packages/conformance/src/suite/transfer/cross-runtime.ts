// Objects the engine wrote in one runtime, read in another: each run uploads a 3-part object that Node reads after
// the run (test/runtimes.node.test.ts), and reads the 3-part object Node uploaded before it, whole and by a range
// across a part boundary.
import type { TransferSuite } from '../../harness/suite-api.js';
import { check, equal, sameBytes } from '../../harness/assert.js';
import { patternBytes } from '../fixtures.js';
import { modelRange } from './ranges.js';
import { PART, suiteClient } from './support.js';

/**
 * The 3-part object (100 KiB parts) each side uploads: Node under `id` among the input's `nodeObjects`, each run as
 * `<prefix>name` (the run's adapter prefix).
 */
export const THREE_PARTS = {
  id: 'engine-3-parts',
  name: 'engine-3-parts.bin',
  size: 2 * PART + 4099,
  partSize: PART,
  seed: 111,
  range: `${PART - 5}-${PART + 20}`,
} as const;

/** The plaintext of THREE_PARTS.range. */
export function threePartsRange(data: Uint8Array): Uint8Array {
  const r = modelRange(THREE_PARTS.range, THREE_PARTS.size)!;
  return data.subarray(r.start, r.end + 1);
}

export const crossRuntime: TransferSuite = {
  name: 'cross-runtime',
  define(t, env) {
    const data = patternBytes(THREE_PARTS.size, THREE_PARTS.seed);

    t.test(`uploads ${THREE_PARTS.name} (3 parts) for Node to read after the run`, async () => {
      const { client } = await suiteClient(env, { partSize: THREE_PARTS.partSize });
      const r = await client.upload(`${env.prefix}${THREE_PARTS.name}`, data);
      equal(r.parts, 3, 'parts');
    });

    t.test(`reads the 3-part object Node uploaded, whole and ${THREE_PARTS.range}`, async () => {
      const key = env.input.nodeObjects[THREE_PARTS.id]?.key;
      check(key, `the orchestrator passed no key for ${THREE_PARTS.id}`);
      const { client } = await suiteClient(env);
      const info = await client.head(key);
      equal(info.envelope?.partSize ?? null, THREE_PARTS.partSize, 'the part size Node uploaded with');
      sameBytes((await client.get(key)).body, data, 'whole');
      sameBytes((await client.get(key, { range: THREE_PARTS.range })).body, threePartsRange(data), THREE_PARTS.range);
    });
  },
};
