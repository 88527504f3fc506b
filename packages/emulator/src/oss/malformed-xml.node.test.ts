import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { startEmulator, type Emulator } from '../emulator.js';
import { ossClient } from '../../test/support/clients.js';
import { rawRequest, responseCode } from '../../test/support/raw-request.js';

const BUCKET = 'xml-test';
let emu: Emulator;
const internalErrors: unknown[] = [];
beforeAll(async () => {
  emu = await startEmulator({ buckets: [BUCKET], onInternalError: (err) => internalErrors.push(err) });
});
afterAll(() => emu.close());

const md5 = (body: string): string => createHash('md5').update(body).digest('base64');

describe('malformed XML request bodies answer 400 MalformedXML', () => {
  it('DeleteMultipleObjects with encoding-type=url and a key that is not valid percent-encoding', async () => {
    await ossClient(emu, { bucket: BUCKET }).put('kept', Buffer.from('x'));
    for (const key of ['%', '%E0%A4%A', '%ZZ', 'ok%FFok']) {
      const body = `<Delete><Quiet>false</Quiet><Object><Key>kept</Key></Object><Object><Key>${key}</Key></Object></Delete>`;
      const res = await rawRequest(emu, {
        method: 'POST',
        bucket: BUCKET,
        query: 'delete&encoding-type=url',
        headers: { 'Content-MD5': md5(body), 'Content-Type': 'application/xml' },
        body,
      });
      expect([key, res.status, await responseCode(res)]).toEqual([key, 400, 'MalformedXML']);
    }
    // Nothing was deleted by the refused requests.
    expect((await rawRequest(emu, { method: 'HEAD', bucket: BUCKET, key: 'kept' })).status).toBe(200);
    expect(internalErrors).toEqual([]);
  });

  it('deeply nested documents, invalid character references and entity declarations', async () => {
    const deep = `<CORSConfiguration>${'<a>'.repeat(100_000)}${'</a>'.repeat(100_000)}</CORSConfiguration>`;
    const bodies = [
      deep,
      '<CORSConfiguration><CORSRule><AllowedOrigin>&#x110000;</AllowedOrigin><AllowedMethod>GET</AllowedMethod></CORSRule></CORSConfiguration>',
      '<CORSConfiguration><CORSRule><AllowedOrigin>&#0;</AllowedOrigin><AllowedMethod>GET</AllowedMethod></CORSRule></CORSConfiguration>',
      '<CORSConfiguration><CORSRule><AllowedOrigin>&#xD800;</AllowedOrigin><AllowedMethod>GET</AllowedMethod></CORSRule></CORSConfiguration>',
      '<!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><CORSConfiguration><CORSRule><AllowedOrigin>&b;</AllowedOrigin></CORSRule></CORSConfiguration>',
      '<CORSConfiguration><CORSRule><AllowedOrigin>&b;</AllowedOrigin><AllowedMethod>GET</AllowedMethod></CORSRule></CORSConfiguration>',
    ];
    for (const body of bodies) {
      const res = await rawRequest(emu, {
        method: 'PUT',
        bucket: BUCKET,
        query: 'cors',
        headers: { 'Content-Type': 'application/xml' },
        body,
      });
      expect([body.slice(0, 60), res.status, await responseCode(res)]).toEqual([
        body.slice(0, 60),
        400,
        'MalformedXML',
      ]);
    }
    expect(internalErrors).toEqual([]);
  });
});
