// createClient for every runtime with fetch (Workers, Service Workers, Deno, Bun, workerd, and Node or browsers
// when chosen): the engine's client over the fetch transport, inline encryption, and the resume store given.
import { inlineCipherRunner } from '../cipher/inline-runner.js';
import { createFetchTransport } from '../transport/fetch/fetch-transport.js';
import { TransferClient } from './client.js';
import type { ClientOptions, RuntimeAdapter } from './client-options.js';

/** Options of {@link createClient}: the client options, plus what the fetch transport takes. */
export interface FetchClientOptions extends ClientOptions {
  /** The fetch the transport uses (default `globalThis.fetch`). */
  readonly fetch?: typeof globalThis.fetch | undefined;
}

/**
 * @example
 * ```ts
 * import { createClient } from '@oss-cse/transfer';
 * import type { Credentials, Keyring } from '@oss-cse/core';
 * declare const keyring: Keyring;
 * declare function getStsToken(): Promise<Credentials>;
 * const client = createClient({ keyring, bucket: 'photos', region: 'cn-hangzhou', credentials: getStsToken });
 * const { body } = await client.getStream('movie.mp4', { range: '1000000-' });
 * ```
 */
export function createClient(options: FetchClientOptions): TransferClient {
  const runtime: RuntimeAdapter = {
    createTransport: (connection) => createFetchTransport({ ...connection, fetch: options.fetch }),
    createCipher: inlineCipherRunner,
  };
  return new TransferClient(options, runtime);
}
