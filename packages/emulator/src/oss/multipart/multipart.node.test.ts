import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type OSS from 'ali-oss';
import { createHash } from 'node:crypto';
import { startEmulator, type Emulator } from '../../emulator.js';
import { crc64 } from '@oss-cse/core';
import { errorCode, ossClient, randomBytesBuffer } from '../../../test/support/clients.js';
import { rawRequest, responseCode } from '../../../test/support/raw-request.js';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ buckets: ['multipart-test'] });
});
afterAll(() => emu.close());

const KB100 = 100 * 1024;
const CSE = 'x-oss-meta-client-side-encryption-';
const cseHeaders = (extra: Record<string, string> = {}): Record<string, string> => ({
  [`${CSE}key`]: 'a2V5',
  [`${CSE}start`]: 'c3RhcnQ=',
  [`${CSE}cek-alg`]: 'AES/CTR/NoPadding',
  [`${CSE}wrap-alg`]: 'KMS/ALICLOUD',
  [`${CSE}data-size`]: String(2 * KB100 + 10),
  [`${CSE}part-size`]: String(KB100),
  ...extra,
});

describe.each([
  ['V1', false],
  ['V4', true],
] as const)('multipart with ali-oss (%s)', (_, v4) => {
  it('uploads parts, lists them, completes with the OSS ETag and CRC, and serves the whole object', async () => {
    const client = ossClient(emu, { v4 });
    const data = randomBytesBuffer(2 * KB100 + 10, 11);
    const parts = [data.subarray(0, KB100), data.subarray(KB100, 2 * KB100), data.subarray(2 * KB100)];
    const init = await client.initMultipartUpload('mp/object.bin', {
      meta: { wrapped: 'x' } as unknown as OSS.UserMeta,
    });
    expect(init.uploadId).toMatch(/^[0-9A-F]{32}$/);
    const done: Array<{ number: number; etag: string }> = [];
    for (const [i, p] of parts.entries()) {
      const r = await client.uploadPart('mp/object.bin', init.uploadId, i + 1, p, 0, p.length);
      expect(r.etag).toBe(`"${createHash('md5').update(p).digest('hex').toUpperCase()}"`);
      done.push({ number: i + 1, etag: r.etag });
    }
    const listed = await client.listParts('mp/object.bin', init.uploadId, { 'max-parts': '2' }, {});
    expect(listed.parts.map((p: { PartNumber: string }) => Number(p.PartNumber))).toEqual([1, 2]);
    expect(String(listed.isTruncated)).toBe('true');
    const complete = await client.completeMultipartUpload('mp/object.bin', init.uploadId, done);
    const expectedEtag = createHash('md5')
      .update(done.map((d) => d.etag.slice(1, -1)).join(''))
      .digest('hex')
      .toUpperCase();
    expect(complete.etag).toBe(`"${expectedEtag}-3"`);
    expect((complete.res.headers as Record<string, string>)['x-oss-hash-crc64ecma']).toBe(crc64(data).toString());
    const head = await client.head('mp/object.bin');
    expect(head.meta).toEqual({ wrapped: 'x' });
    expect((head.res.headers as Record<string, string>)['x-oss-object-type']).toBe('Multipart');
    expect(Buffer.compare((await client.get('mp/object.bin')).content as Buffer, data)).toBe(0);
    const across = await client.get('mp/object.bin', { headers: { Range: `bytes=${KB100 - 5}-${KB100 + 4}` } });
    expect(Buffer.compare(across.content as Buffer, data.subarray(KB100 - 5, KB100 + 5))).toBe(0);
    expect(await errorCode(client.uploadPart('mp/object.bin', init.uploadId, 4, parts[2]!, 0, 10))).toBe(
      'NoSuchUpload',
    );
  });

  it('enforces the Complete rules', async () => {
    const client = ossClient(emu, { v4 });
    const { uploadId } = await client.initMultipartUpload('mp/rules.bin');
    const small = Buffer.from('small part');
    const big = randomBytesBuffer(KB100, 5);
    const p1 = await client.uploadPart('mp/rules.bin', uploadId, 1, small, 0, small.length);
    const p2 = await client.uploadPart('mp/rules.bin', uploadId, 2, big, 0, big.length);
    expect(
      await errorCode(
        client.completeMultipartUpload('mp/rules.bin', uploadId, [
          { number: 1, etag: p1.etag },
          { number: 2, etag: p2.etag },
        ]),
      ),
    ).toBe('EntityTooSmall');
    expect(
      await errorCode(
        client.completeMultipartUpload('mp/rules.bin', uploadId, [
          { number: 2, etag: '"00000000000000000000000000000000"' },
        ]),
      ),
    ).toBe('InvalidPart');
    expect(
      await errorCode(client.completeMultipartUpload('mp/rules.bin', uploadId, [{ number: 3, etag: p2.etag }])),
    ).toBe('InvalidPart');
    expect(
      await errorCode(client.completeMultipartUpload('mp/rules.bin', 'NOPE', [{ number: 1, etag: p1.etag }])),
    ).toBe('NoSuchUpload');
    expect(await errorCode(client.uploadPart('mp/rules.bin', uploadId, 10001, small, 0, small.length))).toBe(
      'InvalidArgument',
    );
    const uploads = await client.listUploads({ prefix: 'mp/rules' }, {});
    expect(uploads.uploads.map((u: { uploadId: string }) => u.uploadId)).toContain(uploadId);
    await client.abortMultipartUpload('mp/rules.bin', uploadId);
    expect(await errorCode(client.listParts('mp/rules.bin', uploadId, {}, {}))).toBe('NoSuchUpload');
  });
});

describe('multipart order and XML checks (raw requests)', () => {
  it('refuses descending part lists and malformed XML', async () => {
    const client = ossClient(emu);
    const { uploadId } = await client.initMultipartUpload('mp/order.bin');
    const big = randomBytesBuffer(KB100, 9);
    const p1 = await client.uploadPart('mp/order.bin', uploadId, 1, big, 0, big.length);
    const p2 = await client.uploadPart('mp/order.bin', uploadId, 2, big, 0, big.length);
    const xml = (parts: Array<[number, string]>): string =>
      `<CompleteMultipartUpload>${parts.map(([n, e]) => `<Part><PartNumber>${n}</PartNumber><ETag>${e}</ETag></Part>`).join('')}</CompleteMultipartUpload>`;
    // ali-oss sorts part lists itself, so these bodies are sent as raw signed requests.
    const send = (body: string) =>
      rawRequest(emu, {
        method: 'POST',
        bucket: 'multipart-test',
        key: 'mp/order.bin',
        query: `uploadId=${uploadId}`,
        headers: { 'Content-Type': 'application/xml' },
        body,
      });
    expect(
      await responseCode(
        await send(
          xml([
            [2, p2.etag],
            [1, p1.etag],
          ]),
        ),
      ),
    ).toBe('InvalidPartOrder');
    expect(await responseCode(await send('<CompleteMultipartUpload><Part>'))).toBe('MalformedXML');
    const ok = await send(
      xml([
        [1, p1.etag.toLowerCase()],
        [2, p2.etag.replace(/"/g, '')],
      ]),
    );
    expect(ok.status).toBe(200);
    expect(ok.headers.get('etag')).toMatch(/^"[0-9A-F]{32}-2"$/);
  });
});

describe('client-side-encryption server rules', () => {
  it('requires key and start on PutObject and accepts a full CSE header set', async () => {
    const client = ossClient(emu);
    expect(await errorCode(client.put('cse/a', Buffer.from('x'), { headers: { [`${CSE}start`]: 'c3RhcnQ=' } }))).toBe(
      'InvalidEncryptionRequest',
    );
    expect(await errorCode(client.put('cse/a', Buffer.from('x'), { headers: { [`${CSE}key`]: 'a2V5' } }))).toBe(
      'InvalidEncryptionRequest',
    );
    expect(
      await errorCode(client.put('cse/a', Buffer.from('x'), { headers: cseHeaders({ [`${CSE}data-size`]: 'abc' }) })),
    ).toBe('InvalidEncryptionRequest');
    expect((await client.put('cse/a', Buffer.from('x'), { headers: cseHeaders() })).res.status).toBe(200);
  });

  it('checks Initiate, UploadPart and Complete, and returns ClientEncryption* in ListParts', async () => {
    const client = ossClient(emu);
    const noPartSize = cseHeaders();
    delete noPartSize[`${CSE}part-size`];
    expect(await errorCode(client.initMultipartUpload('cse/mp', { headers: noPartSize }))).toBe(
      'InvalidEncryptionRequest',
    );
    const { uploadId } = await client.initMultipartUpload('cse/mp', { headers: cseHeaders() });
    const part = randomBytesBuffer(KB100, 2);
    expect(
      await errorCode(
        client.uploadPart('cse/mp', uploadId, 1, part, 0, part.length, {
          headers: cseHeaders({ [`${CSE}start`]: 'b3RoZXI=' }),
        } as never),
      ),
    ).toBe('InvalidEncryptionRequest');
    const done = [];
    for (let n = 1; n <= 4; n++) {
      const r = await client.uploadPart('cse/mp', uploadId, n, part, 0, part.length, {
        headers: cseHeaders(),
      } as never);
      done.push({ number: n, etag: r.etag });
    }
    const listed = await rawRequest(emu, {
      method: 'GET',
      bucket: 'multipart-test',
      key: 'cse/mp',
      query: `uploadId=${uploadId}`,
    });
    const text = await listed.text();
    expect(text).toContain('<ClientEncryptionKey>a2V5</ClientEncryptionKey>');
    expect(text).toContain('<ClientEncryptionStart>c3RhcnQ=</ClientEncryptionStart>');
    expect(text).toContain('<ClientEncryptionCekAlg>AES/CTR/NoPadding</ClientEncryptionCekAlg>');
    expect(text).toContain('<ClientEncryptionWrapAlg>KMS/ALICLOUD</ClientEncryptionWrapAlg>');
    expect(text).toContain(`<ClientEncryptionDataSize>${2 * KB100 + 10}</ClientEncryptionDataSize>`);
    expect(text).toContain(`<ClientEncryptionPartSize>${KB100}</ClientEncryptionPartSize>`);
    // data-size/part-size allows 3 parts.
    expect(await errorCode(client.completeMultipartUpload('cse/mp', uploadId, done))).toBe('InvalidEncryptionRequest');
    const ok = await client.completeMultipartUpload('cse/mp', uploadId, done.slice(0, 3));
    expect(ok.res.status).toBe(200);
    expect((await client.head('cse/mp')).meta).toMatchObject({
      'client-side-encryption-key': 'a2V5',
      'client-side-encryption-part-size': String(KB100),
    });
  });

  it('refuses CopyObject REPLACE that changes CSE metadata and keeps it otherwise', async () => {
    const client = ossClient(emu);
    await client.put('cse/src', Buffer.from('ciphertext'), { headers: cseHeaders() });
    expect(
      await errorCode(
        client.copy('cse/dst', 'cse/src', { headers: {}, meta: { 'client-side-encryption-key': 'b3RoZXI=' } } as never),
      ),
    ).toBe('InvalidEncryptionRequest');
    await client.copy('cse/dst', 'cse/src', { meta: { note: 'replaced' } } as never);
    expect((await client.head('cse/dst')).meta).toMatchObject({
      note: 'replaced',
      'client-side-encryption-key': 'a2V5',
    });
    await client.copy('cse/dst2', 'cse/src');
    expect((await client.head('cse/dst2')).meta).toMatchObject({ 'client-side-encryption-start': 'c3RhcnQ=' });
  });
});
