// The encryption Worker: reads Blob slices, encrypts them with @oss-cse/core (unchanged), and returns the
// ciphertext (transferred, not copied) with its CRC-64. One multipart context per upload session.
import { Crc64, MultipartEncryptionContext, createMd5, encryptObject, toHex } from '@oss-cse/core';
import type { EncryptedObjectResult, EncryptedPart, KeyCall, OpenedMultipart, Reply, WorkerRequest } from './protocol.js';
import { RemoteMasterKey, type KeyCaller } from './remote-master-key.js';
import { deserializeError, serializeError } from './serialize-error.js';

interface WorkerScope {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (e: MessageEvent) => void): void;
}
const scope = globalThis as unknown as WorkerScope;
const sessions = new Map<number, MultipartEncryptionContext>();
const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
let nextCallId = 1;

const callPage: KeyCaller = <T>(call: KeyCall, transfer: Transferable[] = []) =>
  new Promise<T>((resolve, reject) => {
    const id = nextCallId++;
    pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
    scope.postMessage({ ...call, id }, transfer);
  });

scope.addEventListener('message', (e: MessageEvent) => {
  const msg = e.data as WorkerRequest | Reply;
  if (msg.op === 'reply') {
    const p = pending.get(msg.id);
    pending.delete(msg.id);
    if (msg.ok) p?.resolve(msg.value);
    else p?.reject(deserializeError(msg.error));
    return;
  }
  handle(msg).then(
    ([value, transfer]) => scope.postMessage({ op: 'reply', id: msg.id, ok: true, value } satisfies Reply, transfer),
    (err: unknown) => scope.postMessage({ op: 'reply', id: msg.id, ok: false, error: serializeError(err) } satisfies Reply),
  );
});

async function handle(msg: WorkerRequest): Promise<[unknown, Transferable[]]> {
  switch (msg.op) {
    case 'openMultipart': {
      const ctx = await MultipartEncryptionContext.create({ keyring: new RemoteMasterKey(msg.key, callPage), dataSize: msg.dataSize, partSize: msg.partSize });
      sessions.set(msg.session, ctx);
      return [opened(ctx), []];
    }
    case 'resumeMultipart': {
      const ctx = await MultipartEncryptionContext.resume({ keyring: new RemoteMasterKey(msg.key, callPage), material: msg.material });
      sessions.set(msg.session, ctx);
      return [opened(ctx), []];
    }
    case 'encryptPart': {
      const ctx = sessions.get(msg.session);
      if (!ctx) throw new Error(`no open multipart session ${msg.session}`);
      const plaintext = new Uint8Array(await msg.blob.arrayBuffer());
      const [ciphertext, plaintextSha256] = await Promise.all([ctx.encryptPart(msg.partNumber, plaintext), sha256Hex(plaintext)]);
      const value: EncryptedPart = { ciphertext, crc64: new Crc64().update(ciphertext).decimal(), plaintextSha256 };
      return [value, [ciphertext.buffer]];
    }
    case 'closeMultipart':
      sessions.delete(msg.session);
      return [null, []];
    case 'encryptObject': {
      const plaintext = new Uint8Array(await msg.blob.arrayBuffer());
      const { headers, ciphertext } = await encryptObject({
        keyring: new RemoteMasterKey(msg.key, callPage), plaintext, contentLength: plaintext.length, computeMd5: msg.computeMd5,
      });
      const value: EncryptedObjectResult = { headers, ciphertext, crc64: new Crc64().update(ciphertext).decimal() };
      return [value, [ciphertext.buffer]];
    }
    case 'digest': {
      const parts = await Promise.all(msg.blobs.map(async (b) => new Uint8Array(await b.arrayBuffer())));
      if (parts.length === 1) return [await sha256Hex(parts[0]!), []];
      const total = parts.reduce((n, p) => n + p.length, 0);
      const all = new Uint8Array(total);
      let off = 0;
      for (const p of parts) { all.set(p, off); off += p.length; }
      return [await sha256Hex(all), []];
    }
    case 'md5': {
      // Slice by slice: a whole file never sits in memory.
      const md5 = await createMd5();
      for (let off = 0; off < msg.blob.size; off += MD5_SLICE) md5.update(new Uint8Array(await msg.blob.slice(off, off + MD5_SLICE).arrayBuffer()));
      return [md5.digestBase64(), []];
    }
  }
}

const MD5_SLICE = 8 * 1024 * 1024;

async function sha256Hex(bytes: Uint8Array): Promise<string> {
  return toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>)));
}

function opened(ctx: MultipartEncryptionContext): OpenedMultipart {
  return { material: ctx.material, initiateHeaders: ctx.initiateHeaders(), partHeaders: ctx.partHeaders() };
}
