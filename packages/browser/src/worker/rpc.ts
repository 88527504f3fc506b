// The request/reply plumbing both ends of the Worker channel share: numbered calls whose replies settle promises,
// and incoming calls answered by a handler (its result, or its error as data, goes back as the reply).
import type { Reply } from './protocol.js';
import { deserializeError, serializeError } from './serialize-error.js';

export type Post = (message: unknown, transfer: Transferable[]) => void;
/** Answers an incoming call: the reply value and the buffers to transfer with it. */
export type Answer<In> = (message: In) => Promise<[unknown, Transferable[]]>;

export interface Rpc<Out extends { op: string }> {
  /** Sends `message` with a fresh id and resolves with the other end's reply. */
  call<T>(message: DistributiveOmit<Out, 'id'>, transfer?: Transferable[]): Promise<T>;
  /** Handles a received message: a reply settles its call, anything else is answered. */
  receive(message: unknown): void;
  /** Rejects every call still waiting for a reply. */
  failAll(error: Error): void;
}

/** `Omit` applied to each member of a union. */
export type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/**
 * @example
 * ```ts
 * const rpc = createRpc<WorkerRequest, KeyCall>((m, t) => worker.postMessage(m, t), (call) => answerKeyCall(keyring,
 * call));
 * worker.addEventListener('message', (e) => rpc.receive(e.data));
 * ```
 */
export function createRpc<Out extends { op: string }, In extends { op: string; id: number }>(
  post: Post,
  answer: Answer<In>,
): Rpc<Out> {
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  return {
    call<T>(message: DistributiveOmit<Out, 'id'>, transfer: Transferable[] = []): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        post({ ...message, id }, transfer);
      });
    },
    receive(message) {
      const msg = message as Reply | In;
      if (msg.op === 'reply') {
        const reply = msg as Reply;
        const p = pending.get(reply.id);
        pending.delete(reply.id);
        if (reply.ok) p?.resolve(reply.value);
        else p?.reject(deserializeError(reply.error));
        return;
      }
      const call = msg as In;
      answer(call).then(
        ([value, transfer]) => post({ op: 'reply', id: call.id, ok: true, value } satisfies Reply, transfer),
        (err: unknown) => post({ op: 'reply', id: call.id, ok: false, error: serializeError(err) } satisfies Reply, []),
      );
    },
    failAll(error) {
      for (const p of pending.values()) p.reject(error);
      pending.clear();
    },
  };
}
