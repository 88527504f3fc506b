// The model of plaintext byte ranges the clients and the CLI document (`START-END`, `START-`, `-LENGTH`,
// inclusive, an optional `bytes=` prefix and spaces around the numbers): fast-check inputs generated from it, each
// with the outcome it must have. A valid range must return exactly its bytes; an invalid one must fail with
// ERR_INVALID_RANGE. Pure (Node and Chromium).
import fc from 'fast-check';

/** What a range string must give for an object of `size` bytes. */
export type RangeOutcome =
  { readonly bytes: readonly [first: number, endExclusive: number] } | { readonly code: 'ERR_INVALID_RANGE' };

export interface RangeCase {
  readonly input: string;
  readonly outcome: RangeOutcome;
}

const INVALID = { code: 'ERR_INVALID_RANGE' } as const;

/** Decorations every valid form accepts: `bytes=`, spaces around the numbers and the dash, leading zeros. */
function dress(first: string, last: string, options: { prefix: boolean }): fc.Arbitrary<string> {
  const space = fc.constantFrom('', ' ', '  ');
  const zeros = fc.constantFrom('', '0', '00');
  return fc
    .tuple(options.prefix ? fc.boolean() : fc.constant(false), space, zeros, space, space, zeros, space)
    .map(
      ([bytes, s1, z1, s2, s3, z2, s4]) =>
        `${bytes ? 'bytes=' : ''}${s1}${first && z1 + first}${s2}-${s3}${last && z2 + last}${s4}`,
    );
}

/**
 * Range strings for an object of `size` (> 0) bytes with their outcomes: valid closed, open and suffix ranges
 * (ends past the object clipped), ranges starting at or past the end, reversed ranges, `-0`, numbers beyond 2^53,
 * and strings that are no range at all. `prefix` includes the `bytes=` form.
 */
export function rangeCases(size: number, options: { prefix: boolean } = { prefix: true }): fc.Arbitrary<RangeCase> {
  const inside = fc.integer({ min: 0, max: size - 1 });
  const any = fc.integer({ min: 0, max: size + 64 });
  const valid = fc.oneof(
    fc
      .tuple(inside, any)
      .filter(([a, b]) => a <= b)
      .chain(([a, b]) =>
        dress(String(a), String(b), options).map((input) => ({
          input,
          outcome: { bytes: [a, Math.min(b, size - 1) + 1] as const },
        })),
      ),
    inside.chain((a) =>
      dress(String(a), '', options).map((input) => ({ input, outcome: { bytes: [a, size] as const } })),
    ),
    fc.integer({ min: 1, max: size + 64 }).chain((n) =>
      dress('', String(n), options).map((input) => ({
        input,
        outcome: { bytes: [Math.max(0, size - n), size] as const },
      })),
    ),
  );
  const invalid = fc
    .oneof(
      fc
        .tuple(any, any)
        .filter(([a, b]) => a > b)
        .map(([a, b]) => `${a}-${b}`),
      fc.integer({ min: size, max: size + 64 }).chain((a) =>
        fc.oneof(
          fc.constant(`${a}-`),
          any.filter((b) => b >= a).map((b) => `${a}-${b}`),
        ),
      ),
      fc.constantFrom(
        '',
        '-',
        '--1',
        '-0',
        ' - ',
        '0-1,3-4',
        '0x10-0x20',
        '1e3-2e3',
        '1.5-2',
        '-1-2',
        '18446744073709551616-',
        '0-18446744073709551616',
        'bytes=',
        'bytes=-',
      ),
      // No range at all: something other than digits, spaces and one dash after an optional `bytes=`.
      fc.string({ maxLength: 12 }).filter((s) => !/^(bytes=)?[\d ]*-?[\d ]*$/.test(s)),
    )
    .map((input) => ({ input, outcome: INVALID }));
  return fc.oneof(valid, invalid);
}

/** The bytes a valid outcome selects from the plaintext. */
export function selected(plain: Uint8Array, outcome: RangeOutcome): Uint8Array | null {
  return 'bytes' in outcome ? plain.subarray(outcome.bytes[0], outcome.bytes[1]) : null;
}
