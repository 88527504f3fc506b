// Inside the Worker: the page's keyring mirrored as core MasterKeys whose wrap/unwrap run on the page (where the real
// master keys live: non-extractable CryptoKeys, PEM keys, KMS behind a relay). Core's keyring matching, its
// one-key-after-another unwrap and its fixed unwrap failure run here unchanged.
import {
  Keyring,
  type MasterKey,
  type MaterialDescription,
  type UnwrapContext,
  type WrapAlgorithm,
  type WrapContext,
} from '@oss-cse/core';
import type { KeyCall, KeyInfo, KeyringInfo } from './protocol.js';
import type { DistributiveOmit } from './rpc.js';

/** Sends a key call (without its id) to the page and resolves with its reply. */
export type KeyCaller = <T>(call: DistributiveOmit<KeyCall, 'id'>, transfer?: Transferable[]) => Promise<T>;

class RemoteMasterKey implements MasterKey {
  readonly wrapAlgorithm: WrapAlgorithm;
  readonly description: MaterialDescription;
  readonly canUnwrap: boolean;
  readonly generateDataKey?: (context: { signal?: AbortSignal }) => Promise<{ plain: Uint8Array; wrapped: Uint8Array }>;
  readonly #unwraps: ReadonlySet<WrapAlgorithm>;
  readonly #index: number;
  readonly #call: KeyCaller;

  constructor(info: KeyInfo, index: number, call: KeyCaller) {
    this.wrapAlgorithm = info.wrapAlgorithm;
    this.description = Object.freeze({ ...info.description });
    this.canUnwrap = info.canUnwrap;
    this.#unwraps = new Set(info.unwraps);
    this.#index = index;
    this.#call = call;
    if (info.generatesDataKeys) this.generateDataKey = () => this.#call({ op: 'generateDataKey', key: this.#index });
  }

  supportsUnwrap(wrapAlgorithm: WrapAlgorithm): boolean {
    return this.#unwraps.has(wrapAlgorithm);
  }

  wrap(plain: Uint8Array, context: WrapContext): Promise<Uint8Array> {
    return this.#call({ op: 'wrap', key: this.#index, plain, part: context.part });
  }

  unwrap(wrapped: Uint8Array, context: UnwrapContext): Promise<Uint8Array> {
    const { signal: _signal, ...rest } = context;
    return this.#call({ op: 'unwrap', key: this.#index, wrapped, context: rest });
  }
}

/**
 * @example
 * ```ts
 * const keyring = remoteKeyring(message.keyring, callPage);
 * const ctx = await MultipartEncryptionContext.resume({ keyring, material });
 * ```
 */
export function remoteKeyring(info: KeyringInfo, call: KeyCaller): Keyring {
  const keys = info.keys.map((k, i) => new RemoteMasterKey(k, i, call));
  return new Keyring(keys, { defaultKey: keys[info.defaultIndex] });
}
