// Property-based fuzzing (Node + Chromium): random and malformed header maps, sizes and ranges only ever
// produce an envelope, null, or a typed OssCseError — never another exception, never a hang.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseEnvelope } from './parse-envelope.js';
import { V1_HEADERS, V2_HEADERS } from './header-names.js';
import { OssCseError } from '../errors.js';
import { planRangedRead, planRangeResponse } from '../plan/ranged-read.js';
import { parseByteRange } from '../plan/byte-range.js';
import { planMultipart } from '../plan/multipart.js';
import { toBase64 } from '../util/bytes.js';

const names = [...Object.values(V2_HEADERS), ...Object.values(V1_HEADERS)];
const nameArb = fc.oneof(
  fc.constantFrom(...names),
  fc.constantFrom(...names).map((n) => n.toUpperCase()),
  fc.string({ maxLength: 40 }),
);
const valueArb = fc.oneof(
  fc.string({ maxLength: 60 }),
  fc.uint8Array({ maxLength: 300 }).map(toBase64),
  fc.constantFrom(
    'AES/CTR/NoPadding',
    'AES/GCM/NoPadding',
    'RSA/NONE/PKCS1Padding',
    'KMS/ALICLOUD',
    'rsa',
    'kms',
    '{}',
    '{"a":"b"}',
    '[1]',
    'null',
    '-1',
    '1e5',
    '007',
    '',
  ),
  fc.json(),
  fc.bigInt().map(String),
);

/** Runs `fn`, accepting only success or an OssCseError. */
function onlyTyped(fn: () => unknown): void {
  try {
    fn();
  } catch (e) {
    if (!(e instanceof OssCseError)) throw new Error(`untyped error: ${String(e)}`, { cause: e });
    expect(typeof e.code).toBe('string');
  }
}

describe('fuzzing', () => {
  it('parseEnvelope: random header maps give an envelope, null, or a typed error', () => {
    fc.assert(
      fc.property(fc.dictionary(nameArb, valueArb, { maxKeys: 12 }), (headers) => {
        onlyTyped(() => parseEnvelope(headers));
      }),
      { numRuns: 2000 },
    );
  });

  it('parseEnvelope: a valid envelope with one header replaced by junk', () => {
    const base: Record<string, string> = {
      [V2_HEADERS.key]: toBase64(new Uint8Array(128)),
      [V2_HEADERS.start]: toBase64(new Uint8Array(128)),
      [V2_HEADERS.cekAlg]: 'AES/CTR/NoPadding',
      [V2_HEADERS.wrapAlg]: 'RSA/NONE/PKCS1Padding',
    };
    fc.assert(
      fc.property(fc.constantFrom(...Object.values(V2_HEADERS)), valueArb, (name, value) => {
        onlyTyped(() => parseEnvelope({ ...base, [name]: value }));
      }),
      { numRuns: 2000 },
    );
  });

  it('range planner: random specs, sizes and Content-Ranges', () => {
    const size = fc.option(fc.oneof(fc.nat(), fc.constant(Number.MAX_SAFE_INTEGER)), { nil: undefined });
    const spec = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc
        .tuple(fc.option(fc.nat(), { nil: null }), fc.option(fc.nat(), { nil: null }))
        .map(([a, b]) => `${a ?? ''}-${b ?? ''}`),
    );
    const contentRange = fc.oneof(
      fc.constant(null),
      fc.string({ maxLength: 40 }),
      fc
        .tuple(fc.nat(), fc.nat(), fc.oneof(fc.nat().map(String), fc.constant('*')))
        .map(([a, b, t]) => `bytes ${a}-${b}/${t}`),
    );
    fc.assert(
      fc.property(spec, size, contentRange, (s, n, cr) => {
        onlyTyped(() => {
          const plan = planRangedRead(parseByteRange(s), n);
          expect(plan.alignedStart % 16).toBe(0);
          expect(plan.alignedStart).toBeLessThanOrEqual(plan.start);
          const r = planRangeResponse(plan, cr);
          expect(r.discard).toBeGreaterThanOrEqual(0);
          expect(r.counterOffset % 16).toBe(0);
        });
      }),
      { numRuns: 3000 },
    );
  });

  it('multipart planner: random sizes and part sizes', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.nat(), fc.double(), fc.constant(-1)),
        fc.option(fc.oneof(fc.nat(), fc.double()), { nil: undefined }),
        (dataSize, partSize) => {
          onlyTyped(() => {
            const plan = planMultipart({ dataSize, partSize });
            expect(plan.partCount).toBeLessThanOrEqual(10_000);
            const last = plan.part(plan.partCount);
            expect(last.offset + last.length === dataSize).toBe(true);
          });
        },
      ),
      { numRuns: 3000 },
    );
  });
});
