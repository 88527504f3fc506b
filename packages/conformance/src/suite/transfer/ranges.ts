// Every range form on one multipart object (4 parts of 100 KiB, the last of 5 bytes), read with get and with
// getStream: the plaintext and the reported range must equal the model's; a start past the end is
// ERR_INVALID_RANGE on both.
import { readAll } from '@oss-cse/core';
import type { TransferClient } from '@oss-cse/transfer';
import type { TransferSuite } from '../../harness/suite-api.js';
import { check, equal, rejectsWith, sameBytes } from '../../harness/assert.js';
import { patternBytes } from '../fixtures.js';
import { PART, suiteClient } from './support.js';

const SIZE = 3 * PART + 5;
const STREAM_CHUNK = 48 * 1024;

/**
 * The inclusive plaintext range a form selects from `size` bytes (end clamped to the object), or null when
 * unsatisfiable.
 */
export function modelRange(form: string, size: number): { start: number; end: number } | null {
  const m = /^(\d*)-(\d*)$/.exec(form);
  if (!m || (m[1] === '' && m[2] === '')) throw new TypeError(`not a range form: ${form}`);
  if (m[1] === '') {
    const n = Number(m[2]);
    return n === 0 || size === 0 ? null : { start: Math.max(0, size - n), end: size - 1 };
  }
  const start = Number(m[1]);
  if (start >= size) return null;
  return { start, end: m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1) };
}

const FORMS: ReadonlyArray<{ readonly what: string; readonly form: string }> = [
  { what: 'a-b inside a part', form: '1000-2000' },
  { what: 'a-b across a part boundary', form: `${PART - 7}-${PART + 8}` },
  { what: 'a-b across two part boundaries', form: `${PART - 1}-${2 * PART}` },
  { what: 'a- to the end', form: `${2 * PART + 3}-` },
  { what: '-n suffix across a part boundary', form: `-${PART + 100}` },
  { what: 'the last byte', form: `${SIZE - 1}-${SIZE - 1}` },
  { what: 'the last byte as -1', form: '-1' },
  { what: 'the first byte', form: '0-0' },
  { what: 'an end past the end (clamped)', form: `${SIZE - 10}-${SIZE + 50}` },
];

const PAST_END = [`${SIZE}-`, `${SIZE + 100}-${SIZE + 200}`];

export const ranges: TransferSuite = {
  name: 'ranges',
  define(t, env) {
    const data = patternBytes(SIZE, 71);
    const key = `${env.prefix}ranges/multipart.bin`;
    // Written once, by the first case; each case reads with a client of its own.
    let written: Promise<void> | undefined;
    const client = async (): Promise<TransferClient> => {
      const { client: c } = await suiteClient(env);
      await (written ??= c.upload(key, data).then((r) => equal(r.parts, 4, 'parts of the ranged object')));
      return c;
    };

    for (const { what, form } of FORMS) {
      t.test(`${what} (${form}): get and getStream equal the model`, async () => {
        const c = await client();
        const want = modelRange(form, SIZE);
        check(want, `the model finds ${form} unsatisfiable`);
        const expected = data.subarray(want.start, want.end + 1);
        const got = await c.get(key, { range: form });
        sameBytes(got.body, expected, `get ${form}`);
        equal(JSON.stringify(got.range), JSON.stringify({ ...want, total: SIZE }), `get ${form}: the range returned`);
        const streamed = await c.getStream(key, { range: form, chunkSize: STREAM_CHUNK });
        sameBytes(await readAll(streamed.body), expected, `getStream ${form}`);
        equal(
          JSON.stringify(streamed.range),
          JSON.stringify({ ...want, total: SIZE }),
          `getStream ${form}: the range returned`,
        );
      });
    }

    t.test(`a start past the end (${PAST_END.join(', ')}) is ERR_INVALID_RANGE on get and getStream`, async () => {
      const c = await client();
      for (const form of PAST_END) {
        equal(modelRange(form, SIZE), null, `the model of ${form}`);
        await rejectsWith(() => c.get(key, { range: form }), ['ERR_INVALID_RANGE'], `get ${form}`);
        await rejectsWith(
          async () => readAll((await c.getStream(key, { range: form, chunkSize: STREAM_CHUNK })).body),
          ['ERR_INVALID_RANGE'],
          `getStream ${form}`,
        );
      }
    });
  },
};
