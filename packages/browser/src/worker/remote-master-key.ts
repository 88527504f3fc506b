// Inside the Worker: a MasterKey whose wrap/unwrap run on the page (where the real master key lives, be it a
// non-extractable CryptoKey or a KMS key behind a relay). Core's keyring and envelope code use it unchanged.
import type { MasterKey, MaterialDescription, UnwrapContext, WrapAlgorithm, WrapContext } from '@oss-cse/core';
import type { KeyCall, KeyInfo } from './protocol.js';

/** Sends a key call to the page and resolves with its reply. */
export type KeyCaller = <T>(call: KeyCall, transfer?: Transferable[]) => Promise<T>;

export class RemoteMasterKey implements MasterKey {
  readonly wrapAlgorithm: WrapAlgorithm;
  readonly description: MaterialDescription;
  readonly canUnwrap: boolean;
  readonly generateDataKey?: (context: { signal?: AbortSignal }) => Promise<{ plain: Uint8Array; wrapped: Uint8Array }>;
  readonly #call: KeyCaller;

  constructor(info: KeyInfo, call: KeyCaller) {
    this.wrapAlgorithm = info.wrapAlgorithm;
    this.description = Object.freeze({ ...info.description });
    this.canUnwrap = info.canUnwrap;
    this.#call = call;
    if (info.generatesDataKeys) this.generateDataKey = () => this.#call({ op: 'generateDataKey', id: 0 });
  }

  supportsUnwrap(): boolean {
    return this.canUnwrap;
  }

  wrap(plain: Uint8Array, context: WrapContext): Promise<Uint8Array> {
    return this.#call({ op: 'wrap', id: 0, plain, part: context.part });
  }

  unwrap(wrapped: Uint8Array, context: UnwrapContext): Promise<Uint8Array> {
    const { signal: _signal, ...rest } = context;
    return this.#call({ op: 'unwrap', id: 0, wrapped, context: rest, matdesc: this.description });
  }
}
