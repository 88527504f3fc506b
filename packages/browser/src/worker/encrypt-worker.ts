// The encryption Worker: the engine's inline cipher runner over a mirror of the page's keyring. It reads Blob
// plaintext itself (nothing is read on the page's thread), returns ciphertext with its CRC-64 and (when the upload
// records it) the plaintext's SHA-256 computed in the same pass, and transfers the ciphertext instead of copying it.
// One multipart cipher per upload session. Reads decrypt here too: the engine's inline decipher over the materials
// the page opened (a non-extractable CryptoKey and the IV), the ciphertext's CRC-64 and the plaintext's MD5 in the
// same pass, the plaintext transferred back. One decipher per read session.
import { inlineCipherRunner, inlineDecipher, type Decipher, type MultipartCipher } from '@oss-cse/transfer';
import { OssCseError } from '@oss-cse/core';
import type { KeyCall, KeyringInfo, OpenedMultipart, WorkerRequest } from './protocol.js';
import { remoteKeyring } from './remote-keyring.js';
import { createRpc } from './rpc.js';

interface WorkerScope {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (e: MessageEvent) => void): void;
}
const scope = globalThis as unknown as WorkerScope;
const sessions = new Map<number, MultipartCipher>();
const deciphers = new Map<number, Decipher>();

const rpc = createRpc<KeyCall, WorkerRequest>((message, transfer) => scope.postMessage(message, transfer), handle);
scope.addEventListener('message', (e: MessageEvent) => rpc.receive(e.data));

/** The engine's inline runner over the mirror of the page's keyring this request carries. */
const runnerFor = (keyring: KeyringInfo) =>
  inlineCipherRunner(remoteKeyring(keyring, (call, transfer) => rpc.call(call, transfer)));

async function handle(msg: WorkerRequest): Promise<[unknown, Transferable[]]> {
  switch (msg.op) {
    case 'openMultipart': {
      const cipher = await runnerFor(msg.keyring).openMultipart({ dataSize: msg.dataSize, partSize: msg.partSize });
      sessions.set(msg.session, cipher);
      return [opened(cipher), []];
    }
    case 'resumeMultipart': {
      const cipher = await runnerFor(msg.keyring).resumeMultipart(msg.material, { policy: msg.policy });
      sessions.set(msg.session, cipher);
      return [opened(cipher), []];
    }
    case 'encryptPart': {
      const cipher = sessions.get(msg.session);
      if (!cipher) throw new Error(`no open multipart session ${msg.session}`);
      const part = await cipher.encryptPart(msg.partNumber, msg.plaintext, { sha256: msg.sha256 });
      return [part, [part.body.buffer]];
    }
    case 'closeMultipart':
      await sessions.get(msg.session)?.close();
      sessions.delete(msg.session);
      return [null, []];
    case 'encryptObject': {
      const single = await runnerFor(msg.keyring).encryptObject(msg.plaintext, { computeMd5: msg.computeMd5 });
      return [single, [single.body.buffer]];
    }
    case 'digest':
      return [await runnerFor(msg.keyring).digest(msg.plaintext), []];
    case 'md5':
      return [await runnerFor(msg.keyring).md5(msg.blob), []];
    case 'openDecipher':
      deciphers.set(msg.session, await inlineDecipher(msg.materials, { integrity: msg.integrity }));
      return [null, []];
    case 'decrypt': {
      const piece = await decipherOf(msg.session).decrypt(msg.offset, msg.ciphertext, { inOrder: msg.inOrder });
      return [piece, [piece.body.buffer]];
    }
    case 'verifyPlaintext':
      await decipherOf(msg.session).verify(msg.plaintext);
      return [null, []];
    case 'finishDecipher':
      await decipherOf(msg.session).finish();
      return [null, []];
    case 'closeDecipher':
      deciphers.get(msg.session)?.close();
      deciphers.delete(msg.session);
      return [null, []];
  }
}

function decipherOf(session: number): Decipher {
  const decipher = deciphers.get(session);
  if (!decipher) throw new OssCseError('ERR_ABORTED', `the read session ${session} was closed`);
  return decipher;
}

function opened(cipher: MultipartCipher): OpenedMultipart {
  return {
    material: cipher.material,
    initiateHeaders: { ...cipher.initiateHeaders },
    partHeaders: { ...cipher.partHeaders },
  };
}
