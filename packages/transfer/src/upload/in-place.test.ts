// Multipart parts are encrypted in the source's own buffers when the source takes them back (release), never in
// bytes the caller still owns (a bytes source has no release).
import { describe, expect, it } from 'vitest';
import type { PartSource } from '../source/part-source.js';
import { MemoryTransport, pseudoRandom } from '../../test/support/memory-transport.js';
import { memoryClient, testMasterKey } from '../../test/support/engine-client.js';

const masterKey = await testMasterKey();
const PART = 102_400;

describe('encrypting parts in place', () => {
  it('overwrites the buffers a releasing source hands over, sends them as the bodies, and keeps caller bytes', async () => {
    const transport = new MemoryTransport();
    const { client } = memoryClient(masterKey, { transport });
    const plain = pseudoRandom(PART * 3 + 5, 7);
    const handed: Uint8Array[] = [];
    const released: Uint8Array[] = [];
    const source: PartSource = {
      size: plain.length,
      random: true,
      read: async (offset, length) => {
        const part = plain.slice(offset, offset + length);
        handed.push(part);
        return part;
      },
      release: (p) => released.push(p as Uint8Array),
    };
    await client.upload('owned.bin', source, { partSize: PART, concurrency: 2 });
    // Every buffer handed over is taken back exactly once (in whatever order the parts finish).
    expect(handed).toHaveLength(4);
    expect(released).toHaveLength(handed.length);
    for (const part of handed) expect(released.filter((r) => r === part)).toHaveLength(1);
    const stored = transport.objects.get('owned.bin')!.body;
    let at = 0;
    for (const part of handed) {
      // The part's buffer holds its ciphertext: what the server stored at its place.
      expect(part).toEqual(stored.subarray(at, at + part.length));
      at += part.length;
    }
    expect((await client.get('owned.bin')).body).toEqual(plain);

    const kept = plain.slice();
    await client.upload('bytes.bin', kept, { partSize: PART, concurrency: 2 });
    expect(kept).toEqual(plain);
    expect((await client.get('bytes.bin')).body).toEqual(plain);
  });
});
