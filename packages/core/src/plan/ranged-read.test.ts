// Conformance (Node + Chromium): range planning reproduces every oss2 ranged GET in the vectors.
import { describe, expect, it } from 'vitest';
import { planRangedRead, planRangeResponse, parseContentRange } from './ranged-read.js';
import { parseByteRange, formatByteRange } from './byte-range.js';
import { ContentCipher } from '../cipher/content-cipher.js';
import { fromHex, toHex } from '../util/bytes.js';
import { b64, multipartVector, putVector, type RangedCheck } from '../../test/support/vectors.js';

async function checkAll(checks: RangedCheck[], cek: string, iv: string, plaintext: Uint8Array, ciphertext: Uint8Array) {
  expect(checks.length).toBeGreaterThan(0);
  const cipher = await ContentCipher.fromDataKey(fromHex(cek), fromHex(iv));
  for (const c of checks) {
    const [start, end] = c.user_byte_range;
    const plan = planRangedRead({ start: start ?? 0, end: end ?? undefined });
    expect(plan.rangeHeader).toBe(c.range_header_sent);
    const r = planRangeResponse(plan, c.response_content_range);
    const { first, last } = parseContentRange(c.response_content_range!);
    const served = ciphertext.subarray(first, last + 1);
    const plain = (await cipher.decryptAt(r.counterOffset, served)).subarray(
      r.discard,
      r.discard + (r.length ?? served.length),
    );
    const want = plaintext.subarray(start ?? 0, end === null ? undefined : end + 1);
    expect(toHex(plain)).toBe(toHex(want));
    expect(plain.length).toBe(c.returned_len);
  }
}

describe('ranged reads', () => {
  it.each([
    'put-rsa-pkcs1v15-15-bytes',
    'put-rsa-pkcs1v15-16-bytes',
    'put-rsa-pkcs1v15-17-bytes',
    'put-localrsa-oaep-sha1-17-bytes',
  ])('reproduces oss2 ranged GETs of %s', async (name) => {
    const v = await putVector(name);
    const { cek_hex, iv_hex } = v.unwrapped_by_oss2_provider;
    await checkAll(v.oss2_ranged_get_checks!, cek_hex, iv_hex, b64(v.plaintext_b64), b64(v.ciphertext_b64));
  });

  it('reproduces oss2 ranged GETs across multipart part boundaries', async () => {
    const v = await multipartVector();
    const whole = new Uint8Array(v.data_size);
    for (const p of v.parts) whole.set(b64(p.ciphertext_b64), p.plaintext_offset);
    await checkAll(
      v.oss2_ranged_get_checks,
      v.unwrapped_by_oss2_provider.cek_hex,
      v.unwrapped_by_oss2_provider.iv_hex,
      b64(v.plaintext_b64),
      whole,
    );
  });

  it('maps the ranges docs/format.md §4 lists', () => {
    const cases: Array<[string, string]> = [
      ['1-1', 'bytes=0-1'],
      ['15-16', 'bytes=0-16'],
      ['17-100', 'bytes=16-100'],
      ['1000-1000', 'bytes=992-1000'],
      ['4095-8192', 'bytes=4080-8192'],
      ['5-', 'bytes=0-'],
      ['1048575-1048575', 'bytes=1048560-1048575'],
    ];
    for (const [r, header] of cases) expect(planRangedRead(r).rangeHeader).toBe(header);
  });

  it('resolves suffix ranges with the object size and refuses them without it', () => {
    expect(planRangedRead('-10', 100)).toMatchObject({ start: 90, end: 99, rangeHeader: 'bytes=80-99' });
    expect(planRangedRead('-1000', 100)).toMatchObject({ start: 0, end: 99 });
    expect(() => planRangedRead('-10')).toThrow(expect.objectContaining({ code: 'ERR_INVALID_RANGE' }));
    expect(() => planRangedRead('-0', 100)).toThrow(expect.objectContaining({ code: 'ERR_INVALID_RANGE' }));
  });

  it('clamps the end to the object and refuses a start past it', () => {
    expect(planRangedRead('10-500', 100)).toMatchObject({ end: 99 });
    expect(() => planRangedRead('100-', 100)).toThrow(expect.objectContaining({ code: 'ERR_INVALID_RANGE' }));
  });

  it('decrypts from offset 0 when the server ignored the range', () => {
    expect(planRangeResponse(planRangedRead('20-29'), null)).toEqual({
      counterOffset: 0,
      discard: 20,
      length: 10,
      totalSize: undefined,
    });
  });

  it.each([
    ['bytes 8-20/100', 'not 16-aligned'],
    ['bytes 32-40/100', 'does not contain'],
    ['bytes 16-20/100', 'ends before'],
    ['bytes 16-120/100', 'inconsistent'],
    ['items 0-1/2', 'malformed'],
  ])('rejects Content-Range %s', (cr, msg) => {
    expect(() => planRangeResponse(planRangedRead('20-29'), cr)).toThrow(
      expect.objectContaining({ code: 'ERR_BAD_CONTENT_RANGE', message: expect.stringContaining(msg) }),
    );
  });

  it('parses and formats user ranges', () => {
    expect(parseByteRange('bytes=3-7')).toEqual({ start: 3, end: 7 });
    expect(parseByteRange('3-')).toEqual({ start: 3 });
    expect(parseByteRange('-7')).toEqual({ suffix: 7 });
    for (const bad of ['', '-', 'a-b', '7-3', '1-2-3', '99999999999999999999-']) {
      expect(() => parseByteRange(bad)).toThrow(expect.objectContaining({ code: 'ERR_INVALID_RANGE' }));
    }
    expect(formatByteRange({ suffix: 4 })).toBe('-4');
  });
});
