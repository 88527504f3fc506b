// A BrowserClient against the emulator that the browser project's global setup starts (`reliabilityEmulator`),
// over the real ali-oss transport, with the options of every GetObject recorded.
import { inject } from 'vitest';
import type { MasterKey } from '@oss-cse/core';
import { createClient, type BrowserClient } from '../client.js';
import { AliOssTransport } from '../transport/ali-oss-transport.js';
import type { ObjectTransport, RequestContext } from '../transport/transport.js';

declare module 'vitest' {
  export interface ProvidedContext {
    reliabilityEmulator: { ossEndpoint: string; region: string; bucket: string; accessKeyId: string; accessKeySecret: string };
  }
}

export interface EmulatorClient {
  readonly client: BrowserClient;
  /** The transport the client uses (raw writes bypass encryption). */
  readonly transport: ObjectTransport;
  /** Options of each GetObject the client sent, in order. */
  readonly gets: Array<Parameters<ObjectTransport['get']>[1]>;
  /** A request context with the emulator's credentials, for raw transport calls. */
  readonly request: RequestContext;
}

export function emulatorClient(keyring: MasterKey): EmulatorClient {
  const emu = inject('reliabilityEmulator');
  const transport = new AliOssTransport({ bucket: emu.bucket, endpoint: emu.ossEndpoint, region: emu.region });
  const gets: EmulatorClient['gets'] = [];
  const get = transport.get.bind(transport);
  transport.get = (key, options, ctx) => {
    gets.push({ ...options });
    return get(key, options, ctx);
  };
  const credentials = { accessKeyId: emu.accessKeyId, accessKeySecret: emu.accessKeySecret };
  const client = createClient({
    keyring, bucket: emu.bucket, transport, database: `test-${crypto.randomUUID()}`,
    credentials: async () => credentials, retry: { baseDelayMs: 1, maxDelayMs: 5 },
  });
  return { client, transport, gets, request: { credentials } };
}
