import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../emulator.js';
import { ossClient, randomBytesBuffer, type LooseOss } from '../../test/support/clients.js';

const LIMIT = 1_000_000;
let emu: Emulator;
let client: LooseOss;
beforeAll(async () => {
  emu = await startEmulator({ buckets: ['memory-limit'], maxMemoryBytes: LIMIT });
  client = ossClient(emu);
});
afterAll(() => emu.close());

/** `[status, code, message]` of a failed call, or 'ok'. */
const outcome = (call: Promise<unknown>): Promise<unknown> =>
  call.then(
    () => 'ok',
    (e: { status?: number; code?: string; message?: string }) => [e.status, e.code, e.message],
  );

describe('memory mode caps the bytes it holds', () => {
  it('refuses a body that would pass the cap with 507 InsufficientStorage, and frees bytes on delete, overwrite and abort', async () => {
    expect(await outcome(client.put('a', randomBytesBuffer(600_000, 1)))).toBe('ok');
    expect(await outcome(client.put('b', randomBytesBuffer(600_000, 2)))).toEqual([
      507,
      'InsufficientStorage',
      expect.stringContaining('--max-memory-bytes'),
    ]);
    // The refused body holds nothing.
    expect(await outcome(client.put('c', randomBytesBuffer(300_000, 3)))).toBe('ok');
    expect((await client.delete('a')).res.status).toBe(204);
    expect(await outcome(client.put('b', randomBytesBuffer(600_000, 4)))).toBe('ok');
    // Held: b 600 000 + c 300 000. Overwriting c frees its old body once the new one is stored.
    expect(await outcome(client.put('c', randomBytesBuffer(100_000, 5)))).toBe('ok');
    for (let i = 0; i < 5; i++) expect(await outcome(client.put('c', randomBytesBuffer(100_000, 6 + i)))).toBe('ok');
    expect(await outcome(client.put('d', randomBytesBuffer(300_000, 12)))).toBe('ok');
    expect(await outcome(client.put('e', randomBytesBuffer(1000, 13)))).toEqual([
      507,
      'InsufficientStorage',
      expect.any(String),
    ]);
    // Multipart parts count; Abort frees them.
    await client.delete('b');
    const { uploadId } = await client.initMultipartUpload('mp');
    const part = randomBytesBuffer(500_000, 14);
    expect(await outcome(client.uploadPart('mp', uploadId, 1, part, 0, part.length))).toBe('ok');
    expect(await outcome(client.uploadPart('mp', uploadId, 2, part, 0, 200_000))).toEqual([
      507,
      'InsufficientStorage',
      expect.any(String),
    ]);
    await client.abortMultipartUpload('mp', uploadId);
    expect(await outcome(client.put('e', randomBytesBuffer(500_000, 15)))).toBe('ok');
    expect(Buffer.compare((await client.get('e')).content as Buffer, randomBytesBuffer(500_000, 15))).toBe(0);
  });
});
