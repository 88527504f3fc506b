// The page side of the encryption Worker: sends slices to encrypt and answers the Worker's key calls with the
// page's keyring (wrap with the default key; unwrap with the key whose description and algorithm match).
import { Keyring, OssCseError, sameMatdesc, unwrapFailed, type MasterKey, type MultipartMaterial } from '@oss-cse/core';
import { keyInfo, type EncryptedObjectResult, type EncryptedPart, type KeyCall, type OpenedMultipart, type Reply, type WorkerRequest } from './protocol.js';
import { deserializeError, serializeError } from './serialize-error.js';

/** Creates the Worker; the default uses the module Worker shipped next to this file. */
export type WorkerFactory = () => Worker;

export const defaultWorkerFactory: WorkerFactory = () =>
  new Worker(new URL('./encrypt-worker.js', import.meta.url), { type: 'module', name: 'oss-cse-encrypt' });

type Distribute<T> = T extends unknown ? Omit<T, 'id'> : never;

/**
 * @example
 * ```ts
 * const worker = new CryptoWorker(keyring);
 * const { headers, ciphertext, crc64 } = await worker.encryptObject(file);
 * ```
 */
export class CryptoWorker {
  readonly #keyring: Keyring;
  readonly #factory: WorkerFactory;
  #worker: Worker | undefined;
  readonly #pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  #nextId = 1;
  #nextSession = 1;

  constructor(keyring: Keyring | MasterKey, factory: WorkerFactory = defaultWorkerFactory) {
    this.#keyring = Keyring.from(keyring);
    this.#factory = factory;
  }

  /** Opens a new multipart encryption session (fresh data key and IV). */
  async openMultipart(dataSize: number, partSize: number): Promise<MultipartSession> {
    const session = this.#nextSession++;
    const opened = await this.#request<OpenedMultipart>({ op: 'openMultipart', session, key: keyInfo(this.#keyring.defaultKey), dataSize, partSize });
    return new MultipartSession(this, session, opened);
  }

  /** Resumes a session from its wrapped material (one unwrap through the page's keyring). */
  async resumeMultipart(material: MultipartMaterial): Promise<MultipartSession> {
    const session = this.#nextSession++;
    const info = { wrapAlgorithm: material.wrapAlg, description: material.matDesc ?? {}, canUnwrap: true, generatesDataKeys: false };
    const opened = await this.#request<OpenedMultipart>({ op: 'resumeMultipart', session, key: info, material });
    return new MultipartSession(this, session, opened);
  }

  /**
   * Encrypts a whole (small) object for PutObject, recording its MD5 and length (`unencrypted-content-md5` /
   * `-length`) so full reads are verified; `computeMd5: false` records the length only.
   */
  encryptObject(blob: Blob, options: { computeMd5?: boolean | undefined } = {}): Promise<EncryptedObjectResult> {
    return this.#request({ op: 'encryptObject', key: keyInfo(this.#keyring.defaultKey), blob, computeMd5: options.computeMd5 ?? true });
  }

  /** Base64 MD5 of a Blob, read slice by slice (the `unencrypted-content-md5` of a multipart upload). */
  md5(blob: Blob): Promise<string> {
    return this.#request({ op: 'md5', blob });
  }

  /** Hex SHA-256 of the concatenated blobs (file fingerprints). */
  digest(blobs: Blob[]): Promise<string> {
    return this.#request({ op: 'digest', blobs });
  }

  /** Stops the Worker; the next call starts a new one. */
  terminate(): void {
    this.#worker?.terminate();
    this.#worker = undefined;
    for (const p of this.#pending.values()) p.reject(new OssCseError('ERR_ABORTED', 'the encryption worker was terminated'));
    this.#pending.clear();
  }

  /** @internal */
  request<T>(message: Distribute<WorkerRequest>): Promise<T> {
    return this.#request(message);
  }

  #request<T>(message: Distribute<WorkerRequest>): Promise<T> {
    const worker = this.#ensure();
    return new Promise<T>((resolve, reject) => {
      const id = this.#nextId++;
      this.#pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      worker.postMessage({ ...message, id });
    });
  }

  #ensure(): Worker {
    if (this.#worker) return this.#worker;
    const worker = this.#factory();
    worker.addEventListener('message', (e: MessageEvent) => {
      const msg = e.data as Reply | KeyCall;
      if (msg.op === 'reply') {
        const p = this.#pending.get(msg.id);
        this.#pending.delete(msg.id);
        if (msg.ok) p?.resolve(msg.value);
        else p?.reject(deserializeError(msg.error));
        return;
      }
      this.#answer(msg).then(
        ([value, transfer]) => worker.postMessage({ op: 'reply', id: msg.id, ok: true, value } satisfies Reply, transfer),
        (err: unknown) => worker.postMessage({ op: 'reply', id: msg.id, ok: false, error: serializeError(err) } satisfies Reply),
      );
    });
    worker.addEventListener('error', (e: ErrorEvent) => {
      const err = new Error(`the encryption worker failed: ${e.message || 'could not load the worker script'}`);
      for (const p of this.#pending.values()) p.reject(err);
      this.#pending.clear();
    });
    this.#worker = worker;
    return worker;
  }

  async #answer(call: KeyCall): Promise<[unknown, Transferable[]]> {
    const key = this.#keyring.defaultKey;
    switch (call.op) {
      case 'wrap':
        return [await key.wrap(call.plain, { part: call.part }), []];
      case 'generateDataKey': {
        if (!key.generateDataKey) throw new OssCseError('ERR_INVALID_ARGUMENT', 'the default master key does not generate data keys');
        return [await key.generateDataKey({}), []];
      }
      case 'unwrap': {
        const plain = await unwrapWithKeyring(this.#keyring, call);
        return [plain, [plain.buffer]];
      }
    }
  }
}

/** One upload's encryption context living in the Worker. */
export class MultipartSession {
  readonly #worker: CryptoWorker;
  readonly #session: number;
  readonly opened: OpenedMultipart;

  constructor(worker: CryptoWorker, session: number, opened: OpenedMultipart) {
    this.#worker = worker;
    this.#session = session;
    this.opened = opened;
  }

  /** Encrypts part `partNumber` read from `slice` (exactly the planned length), with its plaintext's SHA-256. */
  encryptPart(partNumber: number, slice: Blob): Promise<EncryptedPart> {
    return this.#worker.request({ op: 'encryptPart', session: this.#session, partNumber, blob: slice });
  }

  /** Forgets the data key in the Worker. */
  close(): Promise<void> {
    return this.#worker.request({ op: 'closeMultipart', session: this.#session });
  }
}

async function unwrapWithKeyring(keyring: Keyring, call: Extract<KeyCall, { op: 'unwrap' }>): Promise<Uint8Array> {
  const candidates = keyring.keys.filter((k) => k.canUnwrap && k.supportsUnwrap(call.context.wrapAlgorithm) && sameMatdesc(k.description, call.matdesc));
  if (candidates.length === 0) {
    throw new OssCseError('ERR_NO_MATCHING_KEY', `no master key in the keyring matches the upload's material description ${JSON.stringify(call.matdesc)}`);
  }
  for (const k of candidates) {
    try {
      return await k.unwrap(call.wrapped, call.context);
    } catch (e) {
      if (!(e instanceof OssCseError) || e.code !== 'ERR_UNWRAP_FAILED') throw e;
    }
  }
  throw unwrapFailed();
}
