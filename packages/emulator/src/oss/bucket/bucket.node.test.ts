import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../emulator.js';
import { errorCode, ossClient } from '../../../test/support/clients.js';
import { rawRequest, responseCode } from '../../../test/support/raw-request.js';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ buckets: ['bucket-test'] });
});
afterAll(() => emu.close());

describe.each([
  ['V1', false],
  ['V4', true],
] as const)('buckets with ali-oss (%s)', (_, v4) => {
  it('creates, describes, lists and deletes buckets', async () => {
    const name = `made-${v4 ? 'v4' : 'v1'}`;
    const client = ossClient(emu, { v4, bucket: name });
    await client.putBucket(name);
    expect(await errorCode(client.putBucket(name))).toBe('BucketAlreadyExists');
    const info = await client.getBucketInfo(name);
    expect(info.bucket.Name).toBe(name);
    expect(info.bucket.Location).toBe('oss-cn-hangzhou');
    expect((await client.getBucketLocation(name)).location).toBe('oss-cn-hangzhou');
    const listed = await client.listBuckets({});
    expect(listed.buckets?.map((b: { name: string }) => b.name)).toContain(name);
    await client.put('k', Buffer.from('x'));
    expect(await errorCode(client.deleteBucket(name))).toBe('BucketNotEmpty');
    await client.delete('k');
    expect((await client.deleteBucket(name)).res.status).toBe(204);
    expect(await errorCode(client.getBucketInfo(name))).toBe('NoSuchBucket');
  });
});

describe('bucket names', () => {
  it('refuses invalid names', async () => {
    // ali-oss validates names itself, so these go out as raw signed requests.
    for (const name of ['-bad-', 'ab', 'Upper-Case', 'under_score']) {
      expect(await responseCode(await rawRequest(emu, { method: 'PUT', bucket: name }))).toBe('InvalidBucketName');
    }
  });

  it('honours x-oss-forbid-overwrite', async () => {
    const client = ossClient(emu);
    await client.put('fo', Buffer.from('1'));
    expect(await errorCode(client.put('fo', Buffer.from('2'), { headers: { 'x-oss-forbid-overwrite': 'true' } }))).toBe(
      'FileAlreadyExists',
    );
    expect(((await client.get('fo')).content as Buffer).toString()).toBe('1');
  });
});
