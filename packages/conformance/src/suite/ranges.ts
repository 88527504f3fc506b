// Ranged decrypts: every range form (START-END, START-, -SUFFIX, `bytes=`, objects), at block edges and the
// object's end, from the whole ciphertext and from what a server sends for the planned request.
import { decryptObject, encryptObject, formatByteRange, planRangedRead, readAll, type ByteRange } from '@oss-cse/core';
import type { Suite } from '../harness/suite-api.js';
import { rejectsWith, sameBytes } from '../harness/assert.js';
import { MiB, oss2MasterKey, patternBytes } from './fixtures.js';

const SIZE = MiB + 1;

/** Each range and the plaintext slice [from, to) it means for a SIZE-byte object. */
const RANGES: ReadonlyArray<readonly [ByteRange | string, number, number]> = [
  ['0-0', 0, 1],
  ['0-15', 0, 16],
  ['15-16', 15, 17],
  ['16-31', 16, 32],
  ['4095-8192', 4095, 8193],
  ['bytes=100-200', 100, 201],
  ['1000-', 1000, SIZE],
  [`${SIZE - 1}-${SIZE - 1}`, SIZE - 1, SIZE],
  [`${SIZE - 17}-`, SIZE - 17, SIZE],
  [`5-${SIZE * 2}`, 5, SIZE],
  ['-1', SIZE - 1, SIZE],
  ['-17', SIZE - 17, SIZE],
  [`-${SIZE + 10}`, 0, SIZE],
  [{ start: 7, end: 7 }, 7, 8],
  [{ start: MiB - 1 }, MiB - 1, SIZE],
  [{ suffix: 100 }, SIZE - 100, SIZE],
];

const INVALID: ReadonlyArray<ByteRange | string> = ['-0', '20-10', `${SIZE}-`, 'abc', { start: -1 }];

const label = (r: ByteRange | string) => (typeof r === 'string' ? r : `{${formatByteRange(r)}}`);

export const ranges: Suite = {
  name: 'ranges',
  define(t) {
    // One object for every case (the ranges, not MD5, are under test here: no MD5 is recorded).
    let object:
      | Promise<{
          key: Awaited<ReturnType<typeof oss2MasterKey>>;
          plaintext: Uint8Array;
          headers: Record<string, string>;
          ciphertext: Uint8Array;
        }>
      | undefined;
    const fixture = () =>
      (object ??= (async () => {
        const key = await oss2MasterKey();
        const plaintext = patternBytes(SIZE, 7);
        const { headers, ciphertext } = await encryptObject({ keyring: key, plaintext, computeMd5: false });
        return { key, plaintext, headers, ciphertext };
      })());

    for (const [range, from, to] of RANGES) {
      t.test(`${label(range)} of ${SIZE} B: from the whole object and from the server's ranged answer`, async () => {
        const { key, plaintext, headers, ciphertext } = await fixture();
        const want = plaintext.subarray(from, to);
        sameBytes(await decryptObject({ keyring: key, headers, ciphertext, range }), want, 'from the whole ciphertext');
        const plan = planRangedRead(range, SIZE);
        const last = plan.end === undefined ? SIZE - 1 : plan.end;
        const served = ciphertext.slice(plan.alignedStart, last + 1);
        const contentRange = `bytes ${plan.alignedStart}-${last}/${SIZE}`;
        sameBytes(
          await decryptObject({ keyring: key, headers, ciphertext: served, range, contentRange }),
          want,
          'from the ranged response',
        );
        const stream = new Blob([served]).stream();
        sameBytes(
          await readAll(await decryptObject({ keyring: key, headers, ciphertext: stream, range, contentRange })),
          want,
          'from the ranged response as a stream',
        );
      });
    }

    t.test(
      `malformed and unsatisfiable ranges reject with ERR_INVALID_RANGE (${INVALID.map(label).join(', ')})`,
      async () => {
        const { key, headers, ciphertext } = await fixture();
        for (const range of INVALID) {
          await rejectsWith(
            () => decryptObject({ keyring: key, headers, ciphertext, range }),
            ['ERR_INVALID_RANGE'],
            `range ${label(range)}`,
          );
        }
      },
    );
  },
};
