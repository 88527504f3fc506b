// Reads of more than one request are pinned to the ETag of their HEAD. When the ETag cannot be read (a browser,
// and a bucket whose CORS rule does not expose it), every such read refuses with ERR_CORS naming ETag instead of
// going unpinned (or sending an empty If-Match).
import { describe, expect, it } from 'vitest';
import { blobSink } from './download-sink.js';
import { MemoryTransport, pseudoRandom } from '../../test/support/memory-transport.js';
import { memoryClient, testMasterKey } from '../../test/support/engine-client.js';
import { failure } from '../../test/support/fetch-transport-suite.js';

const masterKey = await testMasterKey();

/** A transport whose HEAD answers do not show the ETag (as a browser sees them without ExposeHeader ETag). */
function hidingEtag(): MemoryTransport {
  const transport = new MemoryTransport();
  const head = transport.headObject.bind(transport);
  transport.headObject = async (key, ctx) => {
    const { etag: _hidden, ...rest } = await head(key, ctx);
    return rest;
  };
  return transport;
}

describe('reads pinned to one ETag', () => {
  it('download, a suffix range and getStream refuse an unreadable ETag with ERR_CORS naming it', async () => {
    const transport = hidingEtag();
    const { client } = memoryClient(masterKey, { transport });
    await client.put('k.bin', pseudoRandom(5000, 1));
    transport.calls.length = 0;
    for (const e of [
      await failure(client.download('k.bin', blobSink())),
      await failure(client.get('k.bin', { range: '-100' })),
      await failure(client.getStream('k.bin')),
    ]) {
      expect(e.code).toBe('ERR_CORS');
      expect(e.details).toMatchObject({ missing: ['ETag'] });
    }
    expect(transport.calls).not.toContain('GetObject');
  });

  it('with a readable ETag every ranged GET of a download carries it', async () => {
    const transport = new MemoryTransport();
    const { client } = memoryClient(masterKey, { transport });
    const plain = pseudoRandom(50_000, 2);
    await client.put('k.bin', plain);
    const etag = transport.objects.get('k.bin')!.etag;
    const seen: (string | undefined)[] = [];
    const get = transport.getObject.bind(transport);
    transport.getObject = (key, request, ctx) => {
      seen.push(request.ifMatch);
      return get(key, request, ctx);
    };
    const sink = blobSink();
    await client.download('k.bin', sink, { partSize: 16_384 });
    expect(new Uint8Array(await sink.blob!.arrayBuffer())).toEqual(plain);
    expect(await client.get('k.bin', { range: '-100' }).then((r) => r.body)).toEqual(
      plain.subarray(plain.length - 100),
    );
    expect(seen).toEqual(Array.from({ length: 5 }, () => etag));
  });
});
