import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type OSS from 'ali-oss';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { startEmulator, type Emulator } from '../../emulator.js';
import { crc64 } from '@oss-cse/core';
import { errorCode, ossClient, randomBytesBuffer } from '../../../test/support/clients.js';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ buckets: ['objects-test', 'other-bucket'] });
});
afterAll(() => emu.close());

const md5Upper = (b: Buffer): string => createHash('md5').update(b).digest('hex').toUpperCase();

describe.each([
  ['V1', false],
  ['V4', true],
] as const)('objects with ali-oss (%s)', (_, v4) => {
  it('puts, heads, gets, gets meta and deletes an object with metadata', async () => {
    const client = ossClient(emu, { v4 });
    const body = randomBytesBuffer(5000, 7);
    const key = `dir/obj (1)+é.bin`;
    const put = await client.put(key, body, {
      meta: { iv: 'AAAA', Mixed: 'Yes' } as unknown as OSS.UserMeta,
      headers: { 'Content-Disposition': 'attachment' },
    });
    expect(put.res.status).toBe(200);
    expect(put.res.headers['etag']).toBe(`"${md5Upper(body)}"`);
    expect((put.res.headers as Record<string, string>)['x-oss-hash-crc64ecma']).toBe(crc64(body).toString());

    const head = await client.head(key);
    expect(head.meta).toEqual({ iv: 'AAAA', mixed: 'Yes' });
    const hh = head.res.headers as Record<string, string>;
    expect(hh['content-length']).toBe('5000');
    expect(hh['content-disposition']).toBe('attachment');
    expect(hh['x-oss-object-type']).toBe('Normal');
    expect(hh['x-oss-hash-crc64ecma']).toBe(crc64(body).toString());
    expect(hh['x-oss-request-id']).toMatch(/^[0-9A-F]{24}$/);

    const got = await client.get(key);
    expect(Buffer.compare(got.content as Buffer, body)).toBe(0);

    const meta = await client.getObjectMeta(key);
    expect((meta.res.headers as Record<string, string>)['content-length']).toBe('5000');
    expect((meta.res.headers as Record<string, string>)['etag']).toBe(`"${md5Upper(body)}"`);
    expect((meta.res.headers as Record<string, string>)['x-oss-meta-iv']).toBeUndefined();

    expect((await client.delete(key)).res.status).toBe(204);
    expect(await errorCode(client.head(key))).toBe('NoSuchKey');
    expect(await errorCode(client.get(key))).toBe('NoSuchKey');
    expect((await client.delete(key)).res.status).toBe(204);
  });

  it('accepts chunked uploads (putStream) and empty objects', async () => {
    const client = ossClient(emu, { v4 });
    const body = randomBytesBuffer(300_000, 13);
    const stream = Readable.from([body.subarray(0, 100_000), body.subarray(100_000)]);
    await client.putStream('stream.bin', stream);
    expect(Buffer.compare((await client.get('stream.bin')).content as Buffer, body)).toBe(0);
    await client.put('empty.bin', Buffer.alloc(0));
    const empty = await client.get('empty.bin', { headers: { Range: 'bytes=0-10' } });
    expect(empty.res.status).toBe(200);
    expect((empty.content as Buffer).length).toBe(0);
    expect(
      await errorCode(
        client.get('empty.bin', { headers: { Range: 'bytes=0-10', 'x-oss-range-behavior': 'standard' } }),
      ),
    ).toBe('InvalidRange');
  });

  it('serves ranges with the default and the standard behaviour', async () => {
    const client = ossClient(emu, { v4 });
    const body = randomBytesBuffer(1000, 3);
    await client.put('range.bin', body);
    const part = await client.get('range.bin', { headers: { Range: 'bytes=10-19' } });
    expect(part.res.status).toBe(206);
    expect((part.res.headers as Record<string, string>)['content-range']).toBe('bytes 10-19/1000');
    expect(Buffer.compare(part.content as Buffer, body.subarray(10, 20))).toBe(0);
    const ignored = await client.get('range.bin', { headers: { Range: 'bytes=0-1000' } });
    expect(ignored.res.status).toBe(200);
    expect((ignored.content as Buffer).length).toBe(1000);
    const clamped = await client.get('range.bin', {
      headers: { Range: 'bytes=500-2000', 'x-oss-range-behavior': 'standard' },
    });
    expect(clamped.res.status).toBe(206);
    expect((clamped.res.headers as Record<string, string>)['content-range']).toBe('bytes 500-999/1000');
    expect(
      await errorCode(
        client.get('range.bin', { headers: { Range: 'bytes=1000-', 'x-oss-range-behavior': 'standard' } }),
      ),
    ).toBe('InvalidRange');
  });

  it('copies with COPY and REPLACE directives and honours copy-source conditions', async () => {
    const client = ossClient(emu, { v4 });
    const body = Buffer.from('copy me');
    await client.put('src.txt', body, { meta: { a: '1' } as unknown as OSS.UserMeta });
    await client.copy('copied.txt', 'src.txt');
    expect((await client.head('copied.txt')).meta).toEqual({ a: '1' });
    await client.copy('replaced.txt', 'src.txt', { meta: { b: '2' } as unknown as OSS.UserMeta });
    expect((await client.head('replaced.txt')).meta).toEqual({ b: '2' });
    const other = ossClient(emu, { v4, bucket: 'other-bucket' });
    await other.copy('from-other.txt', 'src.txt', 'objects-test');
    expect(((await other.get('from-other.txt')).content as Buffer).toString()).toBe('copy me');
    expect(await errorCode(client.copy('x.txt', 'src.txt', { headers: { 'If-Match': '"0000"' } }))).toBe(
      'PreconditionFailed',
    );
    expect(await errorCode(client.copy('x.txt', 'missing.txt'))).toBe('NoSuchKey');
    await client.putMeta('src.txt', { c: '3' } as unknown as OSS.UserMeta, {});
    expect((await client.head('src.txt')).meta).toEqual({ c: '3' });
    expect(((await client.get('src.txt')).content as Buffer).toString()).toBe('copy me');
  });

  it('deletes several objects at once', async () => {
    const client = ossClient(emu, { v4 });
    for (const k of ['multi/a', 'multi/b', 'multi/c']) await client.put(k, Buffer.from(k));
    const result = await client.deleteMulti(['multi/a', 'multi/b', 'multi/none']);
    expect(result.deleted.map((d: { Key: string }) => d.Key)).toEqual(['multi/a', 'multi/b', 'multi/none']);
    const left = await client.list({ prefix: 'multi/' }, {});
    expect(left.objects.map((o: { name: string }) => o.name)).toEqual(['multi/c']);
    await client.deleteMulti(['multi/c'], { quiet: true });
    expect((await client.list({ prefix: 'multi/' }, {})).objects ?? []).toEqual([]);
  });

  it('lists objects with V1 and V2, prefixes and delimiters', async () => {
    const client = ossClient(emu, { v4, bucket: 'other-bucket' });
    for (const k of ['list/a', 'list/b/1', 'list/b/2', 'list/c', 'list/d/x']) await client.put(k, Buffer.from(k));
    const v1 = await client.list({ prefix: 'list/', delimiter: '/', 'max-keys': 10 }, {});
    expect(v1.objects.map((o: { name: string }) => o.name)).toEqual(['list/a', 'list/c']);
    expect(v1.prefixes).toEqual(['list/b/', 'list/d/']);
    const page1 = await client.list({ prefix: 'list/', 'max-keys': 2 }, {});
    expect(page1.isTruncated).toBe(true);
    const page2 = await client.list({ prefix: 'list/', 'max-keys': 10, marker: page1.nextMarker }, {});
    expect(page2.objects.map((o: { name: string }) => o.name)).toEqual(['list/b/2', 'list/c', 'list/d/x']);
    const v2 = await client.listV2({ prefix: 'list/', 'max-keys': '3' }, {});
    expect(v2.objects.map((o: { name: string }) => o.name)).toEqual(['list/a', 'list/b/1', 'list/b/2']);
    expect(v2.isTruncated).toBe(true);
    const v2b = await client.listV2(
      { prefix: 'list/', 'max-keys': '3', 'continuation-token': v2.nextContinuationToken },
      {},
    );
    expect(v2b.objects.map((o: { name: string }) => o.name)).toEqual(['list/c', 'list/d/x']);
  });
});
