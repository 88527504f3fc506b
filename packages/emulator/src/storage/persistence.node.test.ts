import { afterEach, describe, expect, it } from 'vitest';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator, type Emulator } from '../emulator.js';
import { ossClient, randomBytesBuffer } from '../../test/support/clients.js';
import { rawRequest } from '../../test/support/raw-request.js';

const dirs: string[] = [];
const running: Emulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((e) => e.close()));
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function start(dataDir: string): Promise<Emulator> {
  const emu = await startEmulator({ dataDir, buckets: ['persist-test'] });
  running.push(emu);
  return emu;
}

describe('restart persistence', () => {
  it('keeps buckets, objects, metadata, CORS rules, uploads and STS tokens across a restart on the same data dir', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'oss-cse-emulator-'));
    dirs.push(dataDir);
    const first = await start(dataDir);
    const client = ossClient(first);
    const body = randomBytesBuffer(300_000, 4);
    await client.put('p/obj.bin', body, { meta: { iv: 'AAAA' } as never });
    await client.putBucket('second-bucket');
    const cors =
      '<CORSConfiguration><CORSRule><AllowedOrigin>http://example.test</AllowedOrigin><AllowedMethod>GET</AllowedMethod><ExposeHeader>ETag</ExposeHeader></CORSRule></CORSConfiguration>';
    expect(
      (await rawRequest(first, { method: 'PUT', bucket: 'second-bucket', query: 'cors', body: cors })).status,
    ).toBe(200);
    const { uploadId } = await client.initMultipartUpload('p/mp.bin', { meta: { wrapped: 'k' } as never });
    const part1 = await client.uploadPart('p/mp.bin', uploadId, 1, body.subarray(0, 102400), 0, 102400);
    const { Credentials: sts } = await first.sts.assumeRole({ durationSeconds: 3600 });
    await first.close();

    const second = await start(dataDir);
    const again = ossClient(second);
    expect(Buffer.compare((await again.get('p/obj.bin')).content as Buffer, body)).toBe(0);
    expect((await again.head('p/obj.bin')).meta).toEqual({ iv: 'AAAA' });
    expect((await again.listBuckets({})).buckets?.map((b: { name: string }) => b.name)).toEqual([
      'persist-test',
      'second-bucket',
    ]);
    const corsBack = await rawRequest(second, { method: 'GET', bucket: 'second-bucket', query: 'cors' });
    expect(await corsBack.text()).toContain('<AllowedOrigin>http://example.test</AllowedOrigin>');
    const part2 = await again.uploadPart('p/mp.bin', uploadId, 2, body.subarray(102400), 0, body.length - 102400);
    await again.completeMultipartUpload('p/mp.bin', uploadId, [
      { number: 1, etag: part1.etag },
      { number: 2, etag: part2.etag },
    ]);
    expect(Buffer.compare((await again.get('p/mp.bin')).content as Buffer, body)).toBe(0);
    expect((await again.head('p/mp.bin')).meta).toEqual({ wrapped: 'k' });
    const stsClient = ossClient(second, {
      credentials: { accessKeyId: sts.AccessKeyId, accessKeySecret: sts.AccessKeySecret, stsToken: sts.SecurityToken },
    });
    expect(((await stsClient.get('p/obj.bin')).content as Buffer).length).toBe(body.length);
  });

  it('keeps every part of concurrent UploadPart requests (upload records are written in order)', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'oss-cse-emulator-'));
    dirs.push(dataDir);
    const first = await start(dataDir);
    const client = ossClient(first);
    const { uploadId } = await client.initMultipartUpload('p/concurrent');
    const parts = Array.from({ length: 8 }, (_, i) => randomBytesBuffer(20_000, i + 1));
    await Promise.all(parts.map((p, i) => client.uploadPart('p/concurrent', uploadId, i + 1, p, 0, p.length)));
    await first.close();
    const second = await start(dataDir);
    const listed = await ossClient(second).listParts('p/concurrent', uploadId, {}, {});
    expect(listed.parts.map((p: { PartNumber: string }) => Number(p.PartNumber))).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('streams bodies to disk and sweeps blobs left by an interrupted write', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'oss-cse-emulator-'));
    dirs.push(dataDir);
    const emu = await start(dataDir);
    const client = ossClient(emu);
    await client.put('a', Buffer.from('a'));
    await client.put('a', Buffer.from('replaced'));
    await client.delete('a');
    await client.put('b', Buffer.from('b'));
    expect((await readdir(join(dataDir, 'blobs'))).length).toBe(1);
    await emu.close();
    // A crash between "blob written" and "record written" leaves an orphan blob; a temp file is a crash mid-write.
    await writeFile(join(dataDir, 'blobs', '0123456789abcdef0123456789abcdef'), 'orphan');
    await writeFile(join(dataDir, 'blobs', '.tmp-deadbeef'), 'partial');
    const again = await start(dataDir);
    expect((await readdir(join(dataDir, 'blobs'))).length).toBe(1);
    expect(((await ossClient(again).get('b')).content as Buffer).toString()).toBe('b');
  });
});
