import { describe, expect, it } from 'vitest';
import { autoPartSize, planMultipart, validatePartSize, MIN_PART_SIZE } from './multipart.js';
import { multipartVector } from '../../test/support/vectors.js';

describe('multipart plans', () => {
  it('reproduces the oss2 vector plan (3 parts of 102400, last 50001)', async () => {
    const v = await multipartVector();
    const plan = planMultipart({ dataSize: v.data_size, partSize: v.part_size });
    expect(plan.partCount).toBe(3);
    expect(plan.parts().map((p) => [p.partNumber, p.offset, p.length])).toEqual(
      v.parts.map((p) => [p.part_number, p.plaintext_offset, p.plaintext_len]),
    );
  });

  it('chooses part sizes like oss2 (10 MiB, doubled until 10,000 parts fit, multiple of 16)', () => {
    expect(autoPartSize(1)).toBe(10 * 1024 * 1024);
    expect(autoPartSize(10 * 1024 * 1024 * 10_000)).toBe(10 * 1024 * 1024);
    expect(autoPartSize(10 * 1024 * 1024 * 10_000 + 1)).toBe(20 * 1024 * 1024);
    expect(autoPartSize(0, 200_001)).toBe(200_016);
    expect(autoPartSize(0, 1)).toBe(102_400);
  });

  it.each([
    [1000, 102_401, 'multiple of 16'],
    [1000, 1024, '100 KiB'],
    [MIN_PART_SIZE * 10_001, MIN_PART_SIZE, '10000 parts'],
    [1000, 0, 'positive'],
    [1000, 6 * 1024 ** 3, '5 GiB'],
  ])('refuses dataSize %d with part size %d (%s)', (dataSize, partSize, msg) => {
    expect(() => validatePartSize(dataSize, partSize)).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_PART_SIZE', message: expect.stringContaining(msg) }),
    );
  });

  it('plans one empty part for an empty object and rejects part numbers out of range', () => {
    const plan = planMultipart({ dataSize: 0, partSize: MIN_PART_SIZE });
    expect(plan.parts()).toEqual([{ partNumber: 1, offset: 0, length: 0 }]);
    expect(() => plan.part(2)).toThrow(expect.objectContaining({ code: 'ERR_INVALID_PART_SIZE' }));
    expect(() => plan.part(0)).toThrow();
  });

  it('accepts 100 KiB + 16 parts', () => {
    const plan = planMultipart({ dataSize: 1_000_000, partSize: MIN_PART_SIZE + 16 });
    expect(plan.partCount).toBe(Math.ceil(1_000_000 / (MIN_PART_SIZE + 16)));
    expect(plan.part(plan.partCount).length).toBe(1_000_000 - (plan.partCount - 1) * (MIN_PART_SIZE + 16));
  });
});
