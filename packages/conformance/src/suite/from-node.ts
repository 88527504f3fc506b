// Objects Node wrote to the emulator before the run, read here over this runtime's own fetch: whole (streamed
// through the decrypting transform), by Range request, and through a connection reset that must not pass as data.
import { decryptObject, planRangedRead, readAll } from '@oss-cse/core';
import type { SignedRequest } from '../context.js';
import type { Suite } from '../harness/suite-api.js';
import { check, describeError, equal, sameBytes } from '../harness/assert.js';
import { MiB, oss2MasterKey, patternBytes, type Wrap } from './fixtures.js';

export interface NodeObjectSpec {
  readonly id: string;
  readonly size: number;
  readonly wrap: Wrap;
  /** Seed of its `patternBytes` plaintext. */
  readonly seed: number;
  /** A range to read by Range request. */
  readonly range: string;
}

/** What Node writes (MD5 and length recorded: `computeMd5: true`) before any runtime starts. */
export const NODE_OBJECTS: readonly NodeObjectSpec[] = [
  { id: 'pkcs1-1MiB+1', size: MiB + 1, wrap: 'pkcs1', seed: 21, range: '1000-70000' },
  { id: 'oaep-17', size: 17, wrap: 'oaep', seed: 22, range: '3-9' },
];

/** The fault object of each runtime: no MD5 or length recorded, so only the transport can notice a short body. */
export const FAULT_OBJECT = { size: 256 * 1024, seed: 23, resetAfterBytes: 64 * 1024 } as const;

async function get(request: SignedRequest, extra: Record<string, string> = {}): Promise<Response> {
  const res = await fetch(request.url, { headers: { ...request.headers, ...extra } });
  // Only the OSS error code: an error body may quote the signed string, security token included.
  if (res.status !== 200 && res.status !== 206)
    throw new Error(`GET answered ${res.status} ${/<Code>([^<]*)<\/Code>/.exec(await res.text())?.[1] ?? ''}`);
  return res;
}

export const fromNode: Suite = {
  name: 'from node',
  define(t, env) {
    const signed = (id: string) => {
      const object = env.input.nodeObjects[id];
      check(object, `the orchestrator passed no signed request for ${id}`);
      return object.get;
    };

    for (const spec of NODE_OBJECTS) {
      t.test(
        `${spec.id}: a GET over fetch decrypts as a stream (MD5 and length verified)`,
        async () => {
          const key = await oss2MasterKey({ oaep: spec.wrap === 'oaep' });
          const res = await get(signed(spec.id));
          const plain = await readAll(
            await decryptObject({ keyring: key, headers: res.headers, ciphertext: res.body! }),
          );
          sameBytes(plain, patternBytes(spec.size, spec.seed), 'plaintext');
        },
        { requires: 'wasm-codegen' },
      );

      t.test(`${spec.id}: a Range request for ${spec.range} decrypts`, async () => {
        const key = await oss2MasterKey({ oaep: spec.wrap === 'oaep' });
        const plan = planRangedRead(spec.range, spec.size);
        const res = await get(signed(spec.id), { range: plan.rangeHeader });
        equal(res.status, 206, 'status');
        const contentRange = res.headers.get('content-range');
        const plain = await readAll(
          await decryptObject({
            keyring: key,
            headers: res.headers,
            ciphertext: res.body!,
            range: spec.range,
            contentRange,
          }),
        );
        sameBytes(
          plain,
          patternBytes(spec.size, spec.seed).subarray(plan.start, (plan.end ?? spec.size - 1) + 1),
          'plaintext',
        );
      });
    }

    t.test('a connection reset mid-body rejects the streamed read (never short plaintext as success)', async () => {
      const { key: objectKey, get: request } = env.input.faultObject;
      const key = await oss2MasterKey();
      const rule = { type: 'reset', method: 'GET', key: objectKey, afterBytes: FAULT_OBJECT.resetAfterBytes, count: 1 };
      const { id } = (await env.admin({ method: 'POST', path: '/faults', body: rule })) as { id: number };
      let outcome: string;
      try {
        const res = await get(request);
        const plain = await readAll(await decryptObject({ keyring: key, headers: res.headers, ciphertext: res.body! }));
        outcome = `success with ${plain.length} of ${FAULT_OBJECT.size} bytes`;
      } catch (e) {
        outcome = `rejected: ${describeError(e)}`;
      }
      const stats = (await env.admin({ method: 'GET', path: '/faults' })) as { rules: Array<{ id: number }> };
      check(!stats.rules.some((r) => r.id === id), 'the reset rule is still armed: this read never reached it');
      check(outcome.startsWith('rejected'), `the read of a reset connection must reject, got ${outcome}`);
      const again = await get(request);
      const plain = await readAll(
        await decryptObject({ keyring: key, headers: again.headers, ciphertext: again.body! }),
      );
      sameBytes(plain, patternBytes(FAULT_OBJECT.size, FAULT_OBJECT.seed), 'the next read, whole again');
    });
  },
};
