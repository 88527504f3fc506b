import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator, type Emulator } from '../../emulator.js';
import { rawRequest, responseCode } from '../../../test/support/raw-request.js';

const BUCKET = 'overrides-test';
let emu: Emulator;
let dataDir: string;
const internalErrors: unknown[] = [];
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'oss-cse-overrides-'));
  emu = await startEmulator({ buckets: [BUCKET], dataDir, onInternalError: (err) => internalErrors.push(err) });
});
afterAll(async () => {
  await emu.close();
  await rm(dataDir, { recursive: true, force: true });
});

const blobFiles = async (): Promise<string[]> => readdir(join(dataDir, 'blobs'));

describe('GetObject response-* overrides', () => {
  it('applies valid overrides', async () => {
    await rawRequest(emu, { method: 'PUT', bucket: BUCKET, key: 'ok.txt', body: 'hello' });
    const res = await rawRequest(emu, {
      method: 'GET',
      bucket: BUCKET,
      key: 'ok.txt',
      query:
        'response-content-type=text%2Fplain&response-content-disposition=attachment%3B%20filename%3D%22a%20b.txt%22',
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="a b.txt"');
    expect(await res.text()).toBe('hello');
  });

  it.each([
    ['response-content-type', 'text%2Fplain%0D%0AX-Injected%3A%201'],
    ['response-content-disposition', 'attachment%0A'],
    ['response-cache-control', 'no-cache%00'],
    ['response-expires', '%7F'],
  ])(
    'refuses %s with a control character: 400 InvalidArgument without the value, and the blob is not kept',
    async (param, value) => {
      const key = `bad-${param}.txt`;
      await rawRequest(emu, { method: 'PUT', bucket: BUCKET, key, body: 'secret bytes' });
      const before = await blobFiles();
      for (const method of ['GET', 'HEAD']) {
        const res = await rawRequest(emu, { method, bucket: BUCKET, key, query: `${param}=${value}` });
        expect([res.status, await responseCode(res)]).toEqual([400, 'InvalidArgument']);
        expect(res.headers.get('x-injected')).toBeNull();
      }
      const body = await (
        await rawRequest(emu, { method: 'GET', bucket: BUCKET, key, query: `${param}=${value}` })
      ).text();
      expect(body).toContain(`<ArgumentName>${param}</ArgumentName>`);
      expect(body).not.toContain('X-Injected');
      expect(internalErrors).toEqual([]);
      expect((await rawRequest(emu, { method: 'DELETE', bucket: BUCKET, key })).status).toBe(204);
      // The deleted object's blob is gone at once: no pin was left behind by the refused GETs.
      expect((await blobFiles()).length).toBe(before.length - 1);
    },
  );
});
