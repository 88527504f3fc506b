// The page's end of the encryption Worker: starts it on first use, sends it requests, and answers its key calls
// with the page's keyring (the Worker names the key by its place in the keyring it mirrors).
import { abortedError, OssCseError, throwIfAborted, type Keyring } from '@oss-cse/core';
import type { KeyCall, WorkerRequest } from './protocol.js';
import { createRpc, type DistributiveOmit, type Rpc } from './rpc.js';

/** Creates the Worker; the default uses the module Worker shipped next to this file. */
export type WorkerFactory = () => Worker;

/** Starts the module Worker shipped next to this file (bundlers emit it as an asset). */
export const defaultWorkerFactory: WorkerFactory = () =>
  new Worker(new URL('./encrypt-worker.js', import.meta.url), { type: 'module', name: 'oss-cse-encrypt' });

/**
 * @example
 * ```ts
 * const channel = new WorkerChannel(keyring, defaultWorkerFactory);
 * const sha = await channel.request<string>({ op: 'digest', keyring: info, plaintext: file });
 * ```
 */
export class WorkerChannel {
  readonly #keyring: Keyring;
  readonly #factory: WorkerFactory;
  #worker: { worker: Worker; rpc: Rpc<WorkerRequest> } | undefined;

  constructor(keyring: Keyring, factory: WorkerFactory) {
    this.#keyring = keyring;
    this.#factory = factory;
  }

  /**
   * Sends a request (starting the Worker if needed), moving the `transfer` buffers to it. An abort of `signal`
   * rejects it at once with ERR_ABORTED (the Worker's answer, when it comes, is dropped).
   */
  async request<T>(
    message: DistributiveOmit<WorkerRequest, 'id'>,
    options: { transfer?: Transferable[] | undefined; signal?: AbortSignal | undefined } = {},
  ): Promise<T> {
    const { signal } = options;
    throwIfAborted(signal);
    const reply = this.#ensure().rpc.call<T>(message, options.transfer);
    if (!signal) return reply;
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => reject(abortedError(signal));
      signal.addEventListener('abort', onAbort, { once: true });
      reply.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
    });
  }

  /** Whether a Worker is running (a request would not start one). */
  get started(): boolean {
    return this.#worker !== undefined;
  }

  /** Stops the Worker (calls waiting for it fail with ERR_ABORTED); the next request starts a new one. */
  terminate(): void {
    const current = this.#worker;
    this.#worker = undefined;
    current?.worker.terminate();
    current?.rpc.failAll(new OssCseError('ERR_ABORTED', 'the encryption worker was stopped (client.close())'));
  }

  #ensure(): { worker: Worker; rpc: Rpc<WorkerRequest> } {
    if (this.#worker) return this.#worker;
    const worker = this.#factory();
    const rpc = createRpc<WorkerRequest, KeyCall>(
      (message, transfer) => worker.postMessage(message, transfer),
      (call) => answerKeyCall(this.#keyring, call),
    );
    worker.addEventListener('message', (e: MessageEvent) => rpc.receive(e.data));
    worker.addEventListener('error', (e: ErrorEvent) => {
      // A Worker that failed is not asked again: the next request starts a new one.
      if (this.#worker?.worker === worker) this.#worker = undefined;
      worker.terminate();
      const reason = e.message || 'could not load the worker script';
      rpc.failAll(new OssCseError('ERR_WORKER', `the encryption worker failed: ${reason}`));
    });
    this.#worker = { worker, rpc };
    return this.#worker;
  }
}

/** A Worker's call into master key number `call.key` of the page's keyring. */
export async function answerKeyCall(keyring: Keyring, call: KeyCall): Promise<[unknown, Transferable[]]> {
  const key = keyring.keys[call.key];
  if (!key) throw new OssCseError('ERR_INVALID_ARGUMENT', `the keyring has no master key number ${call.key}`);
  switch (call.op) {
    case 'wrap':
      return [await key.wrap(call.plain, { part: call.part }), []];
    case 'generateDataKey': {
      if (!key.generateDataKey)
        throw new OssCseError('ERR_INVALID_ARGUMENT', 'this master key does not generate data keys');
      return [await key.generateDataKey({}), []];
    }
    case 'unwrap': {
      // The page keeps no copy: the unwrapped bytes move to the Worker.
      const plain = await key.unwrap(call.wrapped, call.context);
      return [plain, [plain.buffer]];
    }
  }
}
