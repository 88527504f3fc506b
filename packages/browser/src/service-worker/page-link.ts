// The worker's end of one page's link: calls into the page (credentials, unwraps) with a deadline, and the readers
// the link serves, created once and kept while the link lives: one engine client for the page's bucket (its
// materials cache then spans every request of the page) and one reader per shared object.
import { OssCseError, type Credentials } from '@oss-cse/core';
import { createClient, type TransferClient } from '@oss-cse/transfer';
import { sharedObjectReader } from '../share/shared-reader.js';
import { remoteKeyring } from '../worker/remote-keyring.js';
import { createRpc, type DistributiveOmit, type Rpc } from '../worker/rpc.js';
import type { LinkSession, PageCall } from './protocol.js';
import type { ObjectReader } from './object-response.js';

export class PageLink {
  readonly session: LinkSession;
  readonly #port: MessagePort;
  readonly #rpc: Rpc<PageCall>;
  readonly #timeoutMs: number;
  readonly #onDead: () => void;
  #objects: TransferClient | undefined;
  readonly #shares = new Map<number, TransferClient>();

  constructor(port: MessagePort, session: LinkSession, options: { timeoutMs: number; onDead: () => void }) {
    this.session = session;
    this.#port = port;
    this.#timeoutMs = options.timeoutMs;
    this.#onDead = options.onDead;
    this.#rpc = createRpc<PageCall, never>(
      (message, transfer) => port.postMessage(message, transfer),
      () => Promise.reject(new Error('the decrypting worker answers no calls from the page')),
    );
    port.onmessage = (e: MessageEvent) => this.#rpc.receive(e.data);
  }

  /** The engine client of the page's bucket, or undefined when the page linked shares only. */
  objects(): ObjectReader | undefined {
    const objects = this.session.objects;
    if (!objects) return undefined;
    this.#objects ??= createClient({
      ...objects.connection,
      keyring: remoteKeyring(objects.keyring, (call, transfer) => this.#call(call, transfer)),
      credentials: () => this.#call<Credentials>({ op: 'credentials' }),
      streamChunkSize: this.session.chunkSize,
    });
    return this.#objects;
  }

  /** The reader of shared object `index` and its key, or undefined when the page shares no such object. */
  shared(index: number): { reader: ObjectReader; key: string } | undefined {
    const share = this.session.shares[index];
    if (!share) return undefined;
    let reader = this.#shares.get(index);
    if (!reader) {
      reader = sharedObjectReader(share, { streamChunkSize: this.session.chunkSize });
      this.#shares.set(index, reader);
    }
    return { reader, key: share.key };
  }

  close(): void {
    this.#port.close();
    this.#rpc.failAll(new OssCseError('ERR_ABORTED', 'the page replaced or closed its link to the decrypting worker'));
    this.#objects?.close();
    for (const r of this.#shares.values()) r.close();
  }

  /** A call into the page; a page that does not answer in time (closed, frozen) ends the link. */
  #call<T>(message: DistributiveOmit<PageCall, 'id'>, transfer?: Transferable[]): Promise<T> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        this.#onDead();
        reject(new OssCseError('ERR_TRANSPORT', 'the page did not answer the decrypting worker in time'));
      }, this.#timeoutMs);
    });
    return Promise.race([this.#rpc.call<T>(message, transfer), timeout]).finally(() => clearTimeout(timer));
  }
}
