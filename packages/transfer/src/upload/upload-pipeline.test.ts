// How a multipart upload moves parts (Node + Chromium): the next part is read and encrypted while `concurrency`
// parts are sent, never more than one ahead; the plaintext's SHA-256 is computed only when a resume record notes
// it, and then it is the plaintext's even when the part is encrypted in its own buffer.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { memoryResumeStore, type ResumeStore } from '../resume/resume-store.js';
import type { ResumeRecord } from '../resume/records.js';
import type { PartSource } from '../source/part-source.js';
import { sha256Hex } from '../cipher/inline-runner.js';
import { MemoryTransport, pseudoRandom } from '../../test/support/memory-transport.js';
import { memoryClient, testMasterKey } from '../../test/support/engine-client.js';

const masterKey = await testMasterKey();
const PART = 102_400;

/** A source over `plain` that hands its parts over (release), with what it read and took back, in order. */
function releasingSource(plain: Uint8Array, identity?: { name: string }) {
  const events: string[] = [];
  const source: PartSource = {
    size: plain.length,
    random: true,
    identity: identity && { name: identity.name, size: plain.length, lastModified: 1 },
    read: async (offset, length) => {
      events.push(`read ${offset / PART + 1}`);
      return plain.slice(offset, offset + length);
    },
    release: () => void events.push('release'),
  };
  return { source, events };
}

/** Counts WebCrypto digests of any of `plaintexts` (the memory transport hashes the ciphertext it stores). */
function countDigests(plaintexts: readonly Uint8Array[]): { count: number } {
  const digest = crypto.subtle.digest.bind(crypto.subtle);
  const seen = { count: 0 };
  const same = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);
  vi.spyOn(crypto.subtle, 'digest').mockImplementation((algorithm, data) => {
    const bytes = ArrayBuffer.isView(data)
      ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
      : new Uint8Array(data);
    if (plaintexts.some((p) => same(p, bytes))) seen.count++;
    return digest(algorithm, data);
  });
  return seen;
}

afterEach(() => vi.restoreAllMocks());

describe('multipart upload pipeline', () => {
  it('reads and encrypts the next part while `concurrency` parts are sent, and no further ahead', async () => {
    const transport = new MemoryTransport();
    const { client } = memoryClient(masterKey, { transport });
    const plain = pseudoRandom(PART * 5, 3);
    const { source, events } = releasingSource(plain);
    // Each UploadPart waits until the test lets it finish, so what was read meanwhile shows.
    const waiting: (() => void)[] = [];
    const uploadPart = transport.uploadPart.bind(transport);
    let sending = 0;
    let mostSending = 0;
    transport.uploadPart = async (...args) => {
      events.push(`send ${args[2]}`);
      mostSending = Math.max(mostSending, ++sending);
      await new Promise<void>((resolve) => waiting.push(resolve));
      sending--;
      return uploadPart(...args);
    };
    const upload = client.upload('piped.bin', source, { partSize: PART, concurrency: 2 });
    const reads = () => events.filter((e) => e.startsWith('read'));
    // Parts 1 and 2 on the wire, part 3 read (and encrypted) meanwhile; part 4 not read while those two are sent.
    await vi.waitFor(() => expect(waiting).toHaveLength(2));
    await vi.waitFor(() => expect(reads()).toEqual(['read 1', 'read 2', 'read 3']));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(reads()).toEqual(['read 1', 'read 2', 'read 3']);
    // (Both have their turn: they may reach the transport in either order.)
    expect(events.filter((e) => e.startsWith('send')).sort()).toEqual(['send 1', 'send 2']);
    for (let sent = 0; sent < 5; sent++) {
      await vi.waitFor(() => expect(waiting.length).toBeGreaterThan(0));
      waiting.shift()!();
    }
    await upload;
    expect(mostSending).toBe(2);
    // Parts read but not taken back: at most concurrency + 1 at any time.
    let held = 0;
    let mostHeld = 0;
    for (const e of events) {
      if (e.startsWith('read')) mostHeld = Math.max(mostHeld, ++held);
      if (e === 'release') held--;
    }
    expect(mostHeld).toBe(3);
    expect((await client.get('piped.bin')).body).toEqual(plain);
  });

  it('sends parts in order even when a later part is ready first', async () => {
    const transport = new MemoryTransport();
    const { client } = memoryClient(masterKey, { transport });
    const plain = pseudoRandom(PART * 4, 6);
    const sends: number[] = [];
    const uploadPart = transport.uploadPart.bind(transport);
    transport.uploadPart = async (...args) => {
      sends.push(args[2]);
      return uploadPart(...args);
    };
    let secondRead: () => void = () => undefined;
    const secondReadDone = new Promise<void>((resolve) => (secondRead = resolve));
    const source: PartSource = {
      size: plain.length,
      random: true,
      read: async (offset, length) => {
        // Part 1 is read only a while after part 2 was: part 2 is ready first.
        if (offset === 0) await secondReadDone.then(() => new Promise((resolve) => setTimeout(resolve, 50)));
        if (offset === PART) secondRead();
        return plain.slice(offset, offset + length);
      },
      release: () => undefined,
    };
    await client.upload('ordered.bin', source, { partSize: PART, concurrency: 1 });
    expect(sends).toEqual([1, 2, 3, 4]);
    expect((await client.get('ordered.bin')).body).toEqual(plain);
  });

  it('hashes no plaintext when no record notes it', async () => {
    const { client } = memoryClient(masterKey);
    const plain = pseudoRandom(PART * 3 + 7, 4);
    const parts = [0, 1, 2, 3].map((i) => plain.slice(i * PART, (i + 1) * PART));
    const digests = countDigests(parts);
    await client.upload('unrecorded.bin', releasingSource(plain).source, { partSize: PART, concurrency: 2 });
    await client.upload('bytes.bin', plain, { partSize: PART, concurrency: 2 });
    expect(digests.count).toBe(0);
    expect((await client.get('unrecorded.bin')).body).toEqual(plain);
  });

  it("records each part's plaintext SHA-256 before it is sent, for parts encrypted in their own buffers", async () => {
    const store = memoryResumeStore();
    const saved: ResumeRecord[] = [];
    const watching: ResumeStore = {
      ...store,
      save: async (r) => {
        saved.push(r);
        await store.save(r);
      },
    };
    const { client } = memoryClient(masterKey, { resumeStore: watching });
    const plain = pseudoRandom(PART * 3 + 7, 5);
    const { source } = releasingSource(plain, { name: 'recorded.bin' });
    await client.upload('recorded.bin', source, { partSize: PART, concurrency: 2 });
    const last = saved.at(-1)!;
    expect(last.kind).toBe('upload');
    const sent = last.kind === 'upload' ? last.sent : {};
    expect(Object.keys(sent).sort()).toEqual(['1', '2', '3', '4']);
    for (let n = 1; n <= 4; n++)
      expect(sent[String(n)]).toBe(await sha256Hex(plain.subarray((n - 1) * PART, n * PART)));
    expect((await client.get('recorded.bin')).body).toEqual(plain);
  });
});
