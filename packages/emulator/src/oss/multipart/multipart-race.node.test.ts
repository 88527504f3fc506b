import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { pathStyleUrlPath, signRequestV1 } from '../../auth/sign-v1.js';
import { startEmulator, type Emulator } from '../../emulator.js';
import { isOssError } from '../../errors/oss-error.js';
import { QueryParams } from '../../server/query.js';
import { createClock } from '../../shared/clock.js';
import { Catalog } from '../../storage/catalog.js';
import { createMemoryJsonStore, type JsonStore } from '../../storage/json-store.js';
import { createMemoryBlobStore } from '../../storage/memory-blob-store.js';
import { ossClient, randomBytesBuffer } from '../../../test/support/clients.js';
import { rawRequest, responseCode } from '../../../test/support/raw-request.js';
import type { OssContext, OssRequest } from '../types.js';
import { abortMultipartUpload } from './abort.js';
import { completeMultipartUpload } from './complete.js';
import { uploadPart } from './upload-part.js';

const KB100 = 100 * 1024;
const BUCKET = 'race-test';

const completeXml = (parts: Array<[number, string]>): string =>
  `<CompleteMultipartUpload>${parts.map(([n, e]) => `<Part><PartNumber>${n}</PartNumber><ETag>${e}</ETag></Part>`).join('')}</CompleteMultipartUpload>`;

/** A signed request whose body the test writes piece by piece (a slow client). */
function streamedRequest(
  emu: Emulator,
  r: { method: string; key: string; query: string; headers: Record<string, string> },
) {
  const headers = signRequestV1({
    accessKeyId: emu.accessKeyId,
    accessKeySecret: emu.accessKeySecret,
    method: r.method,
    bucket: BUCKET,
    key: r.key,
    query: r.query,
    headers: r.headers,
    date: new Date(emu.clock.now()),
  });
  const req = request(`${emu.ossEndpoint}${pathStyleUrlPath(BUCKET, r.key)}?${r.query}`, { method: r.method, headers });
  const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
  });
  req.flushHeaders();
  return { write: (chunk: Buffer) => req.write(chunk), end: (chunk: Buffer) => req.end(chunk), response };
}

const codeIn = (xml: string): string | undefined => /<Code>([^<]*)<\/Code>/.exec(xml)?.[1];

describe.each([
  ['memory', false],
  ['disk', true],
] as const)('Complete racing Abort over HTTP (%s)', (_, onDisk) => {
  let emu: Emulator;
  let dataDir: string | undefined;
  beforeAll(async () => {
    dataDir = onDisk ? await mkdtemp(join(tmpdir(), 'oss-cse-race-')) : undefined;
    emu = await startEmulator({ buckets: [BUCKET], ...(dataDir ? { dataDir } : {}) });
  });
  afterAll(async () => {
    await emu.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('an Abort arriving while the Complete body streams in never leaves an object that answers 500', async () => {
    const client = ossClient(emu, { bucket: BUCKET });
    const key = 'race/abort.bin';
    const data = randomBytesBuffer(KB100 + 10, 3);
    const { uploadId } = await client.initMultipartUpload(key);
    const p1 = await client.uploadPart(key, uploadId, 1, data.subarray(0, KB100), 0, KB100);
    const p2 = await client.uploadPart(key, uploadId, 2, data.subarray(KB100), 0, 10);
    const body = Buffer.from(
      completeXml([
        [1, p1.etag],
        [2, p2.etag],
      ]),
    );
    const complete = streamedRequest(emu, {
      method: 'POST',
      key,
      query: `uploadId=${uploadId}`,
      headers: { 'Content-Type': 'application/xml', 'Content-Length': String(body.length) },
    });
    complete.write(body.subarray(0, 30));
    await sleep(150);
    const abort = rawRequest(emu, { method: 'DELETE', bucket: BUCKET, key, query: `uploadId=${uploadId}` });
    await sleep(150);
    complete.end(body.subarray(30));
    const completed = await complete.response;
    const aborted = await abort;

    const reads = await Promise.all([1, 2, 3].map(() => rawRequest(emu, { method: 'GET', bucket: BUCKET, key })));
    const statuses = reads.map((r) => r.status);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    if (completed.status === 200) {
      // The Abort waited for the Complete and found no upload any more.
      expect([aborted.status, await responseCode(aborted)]).toEqual([404, 'NoSuchUpload']);
      expect(statuses).toEqual([200, 200, 200]);
      for (const r of reads) expect(Buffer.compare(Buffer.from(await r.arrayBuffer()), data)).toBe(0);
    } else {
      expect([completed.status, codeIn(completed.body)]).toEqual([404, 'NoSuchUpload']);
      expect(aborted.status).toBe(204);
      expect(statuses).toEqual([404, 404, 404]);
      expect((await rawRequest(emu, { method: 'HEAD', bucket: BUCKET, key })).status).toBe(404);
    }
    if (dataDir) expect((await readdir(join(dataDir, 'blobs'))).length).toBe(completed.status === 200 ? 2 : 0);
  });
});

/** A JSON store whose saves of matching documents wait until released (to stop a handler mid-way). */
function gatedJsonStore(inner: JsonStore) {
  let hold: ((name: string) => boolean) | undefined;
  let held: { reached: Promise<void>; reach: () => void; release: () => void; released: Promise<void> } | undefined;
  const store: JsonStore = {
    ...inner,
    save: async (name, value) => {
      if (held && hold?.(name)) {
        hold = undefined;
        held.reach();
        await held.released;
      }
      await inner.save(name, value);
    },
    scoped: () => store,
  };
  return {
    store,
    /** The next save of a document matching `match` stops; returns when it is reached and how to let it go. */
    holdNext(match: (name: string) => boolean) {
      let reach!: () => void;
      let release!: () => void;
      const reached = new Promise<void>((r) => {
        reach = r;
      });
      const released = new Promise<void>((r) => {
        release = r;
      });
      held = { reached, reach, release, released };
      hold = match;
      return held;
    },
  };
}

describe('Complete racing UploadPart and Abort (handlers, Complete stopped while it writes the object record)', () => {
  const setup = async () => {
    const gate = gatedJsonStore(createMemoryJsonStore());
    const blobs = createMemoryBlobStore();
    const catalog = await Catalog.open(gate.store, blobs);
    await catalog.saveBucket({
      name: BUCKET,
      createdAt: 0,
      region: 'cn-hangzhou',
      storageClass: 'Standard',
      acl: 'private',
    });
    const ctx: OssContext = {
      catalog,
      clock: createClock(),
      region: 'cn-hangzhou',
      ownerId: '1',
      authorize: () => undefined,
    };
    const key = 'race/handlers.bin';
    const uploadId = 'A'.repeat(32);
    await catalog.saveUpload({
      uploadId,
      bucket: BUCKET,
      key,
      initiated: 0,
      storageClass: 'Standard',
      headers: {},
      meta: {},
      parts: {},
    });
    const req = (method: string, query: string, body: Buffer): OssRequest => ({
      requestId: 'r',
      method,
      bucket: BUCKET,
      key,
      query: QueryParams.parse(query),
      principal: { kind: 'account', accessKeyId: 'ak', scheme: 'v1' },
      headers: { 'content-length': String(body.length) },
      body: (async function* () {
        yield body;
      })(),
    });
    const part1 = randomBytesBuffer(KB100, 1);
    const part2 = randomBytesBuffer(7, 2);
    const etags: string[] = [];
    for (const [n, bytes] of [
      [1, part1],
      [2, part2],
    ] as const) {
      const r = await uploadPart(req('PUT', `uploadId=${uploadId}&partNumber=${n}`, bytes), ctx);
      etags.push(r.headers?.ETag as string);
    }
    const completeBody = Buffer.from(
      completeXml([
        [1, etags[0] as string],
        [2, etags[1] as string],
      ]),
    );
    const read = async (): Promise<Buffer> => {
      const obj = catalog.getObject(BUCKET, key);
      if (!obj) throw new Error('no object');
      const chunks: Uint8Array[] = [];
      for await (const c of catalog.readObject(obj.segments, 0, obj.size - 1)) chunks.push(c);
      return Buffer.concat(chunks);
    };
    return { gate, blobs, ctx, req, uploadId, completeBody, expected: Buffer.concat([part1, part2]), read };
  };
  const failure = (p: Promise<unknown>): Promise<string> =>
    p.then(
      () => 'ok',
      (e: unknown) => (isOssError(e) ? e.code : `unexpected ${String(e)}`),
    );

  /** Starts a Complete, stops it while it writes the object record, runs `other` meanwhile, then lets it go. */
  const whileCompleteStores = async (other: (s: Awaited<ReturnType<typeof setup>>) => Promise<unknown>) => {
    const s = await setup();
    const stop = s.gate.holdNext((name) => name.startsWith('objects/'));
    const complete = completeMultipartUpload(s.req('POST', `uploadId=${s.uploadId}`, s.completeBody), s.ctx);
    await stop.reached;
    const racing = failure(other(s));
    await sleep(20);
    stop.release();
    expect((await complete).status).toBe(200);
    return { ...s, racing: await racing };
  };

  it("an UploadPart replacing a listed part while Complete stores the object does not delete the object's blob", async () => {
    const { racing, blobs, expected, read } = await whileCompleteStores((s) =>
      uploadPart(s.req('PUT', `uploadId=${s.uploadId}&partNumber=1`, randomBytesBuffer(KB100, 9)), s.ctx),
    );
    expect(racing).toBe('NoSuchUpload');
    expect(Buffer.compare(await read(), expected)).toBe(0);
    expect(await blobs.ids()).toHaveLength(2);
  });

  it('an Abort while Complete stores the object waits and answers NoSuchUpload; the object stays whole', async () => {
    const { racing, blobs, expected, read } = await whileCompleteStores((s) =>
      abortMultipartUpload(s.req('DELETE', `uploadId=${s.uploadId}`, Buffer.alloc(0)), s.ctx),
    );
    expect(racing).toBe('NoSuchUpload');
    expect(Buffer.compare(await read(), expected)).toBe(0);
    expect(await blobs.ids()).toHaveLength(2);
  });

  it('two Completes of one upload: the second answers NoSuchUpload', async () => {
    const { racing, expected, read } = await whileCompleteStores((s) =>
      completeMultipartUpload(s.req('POST', `uploadId=${s.uploadId}`, s.completeBody), s.ctx),
    );
    expect(racing).toBe('NoSuchUpload');
    expect(Buffer.compare(await read(), expected)).toBe(0);
  });
});
