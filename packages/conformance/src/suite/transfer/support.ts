// What the transfer suites share: the part size, a client of the run's adapter with the suites' settings (credentials
// vended by the orchestrator, counted), resumable sources whose reads can be hooked, a download sink that keeps its
// bytes across runs, emulator fault rules scoped to one key, and the checks every suite makes after a transfer.
import { isOssCseError, readAll } from '@oss-cse/core';
import type { DownloadSink, PartSource, RetryEvent, TransferClient } from '@oss-cse/transfer';
import type { SuiteClientOptions, TransferEnv } from '../../context.js';
import { check, describeError, equal, sameBytes } from '../../harness/assert.js';
import { oss2MasterKey } from '../fixtures.js';

/** 100 KiB: the smallest part OSS accepts, so that every multipart case stays small. */
export const PART = 102_400;

/** Fast retries: the budget is `retries` resends after the first attempt. */
export const RETRY = { retries: 3, baseDelayMs: 10, maxDelayMs: 40 } as const;

/** A client of the run's adapter, its master key, and how many times its credentials function ran. */
export interface SuiteClient {
  readonly client: TransferClient;
  readonly keyring: Awaited<ReturnType<typeof oss2MasterKey>>;
  readonly vended: () => number;
}

/**
 * A client with the oss2 PKCS#1 master key, 100 KiB parts, two parts in flight, fast retries, and credentials as an
 * async function vending from the orchestrator (unless `options` say otherwise).
 */
export async function suiteClient(env: TransferEnv, options: Partial<SuiteClientOptions> = {}): Promise<SuiteClient> {
  let vended = 0;
  const keyring = await oss2MasterKey();
  const client = env.createClient({
    keyring,
    partSize: PART,
    concurrency: 2,
    retry: RETRY,
    credentials: () => {
      vended++;
      return env.vend();
    },
    ...options,
  });
  return { client, keyring, vended: () => vended };
}

/** The same fixed modification time for every named source, so that a changed copy keeps its identity. */
const LAST_MODIFIED = 1_700_000_000_000;

/**
 * A source with an identity (name, size, modification time), so an upload with a resume store can continue it;
 * `beforeRead(offset)` runs before each read hands out its bytes (to arm a fault just before a given part).
 */
export function namedSource(
  bytes: Uint8Array,
  name: string,
  beforeRead?: (offset: number) => Promise<void>,
): PartSource {
  return {
    size: bytes.length,
    random: true,
    identity: { name, size: bytes.length, lastModified: LAST_MODIFIED },
    async read(offset, length) {
      await beforeRead?.(offset);
      return bytes.subarray(offset, offset + length);
    },
  };
}

/** A File of these bytes with a fixed modification time (what a browser's file input gives). */
export function namedFile(bytes: Uint8Array, name: string): File {
  return new File([bytes as Uint8Array<ArrayBuffer>], name, { lastModified: LAST_MODIFIED });
}

/** A sink in memory that keeps what it holds when a download is interrupted (`abort(true)`), so a later run resumes. */
export interface KeptMemorySink extends DownloadSink {
  /** The committed plaintext, once a download succeeded. */
  readonly bytes: Uint8Array | undefined;
}

export function keptMemorySink(name: string, onWrite?: (offset: number) => Promise<void>): KeptMemorySink {
  let storage: Uint8Array | undefined;
  let committed: Uint8Array | undefined;
  return {
    destination: name,
    get bytes() {
      return committed;
    },
    async open(size, resume) {
      if (resume && storage?.length === size) return true;
      storage = new Uint8Array(size);
      committed = undefined;
      return false;
    },
    async write(offset, bytes) {
      await onWrite?.(offset);
      storage!.set(bytes, offset);
    },
    readBack() {
      return new Blob([storage! as Uint8Array<ArrayBuffer>]).stream();
    },
    async commit() {
      committed = storage;
      storage = undefined;
    },
    async abort(keep) {
      if (!keep) storage = undefined;
    },
  };
}

/** An emulator fault rule (packages/emulator README, "Fault injection"), applied to one key only. */
export interface KeyFault {
  readonly type: 'fail' | 'delay' | 'reset';
  readonly operation: string;
  readonly count: number;
  readonly status?: number;
  readonly code?: string;
  readonly delayMs?: number;
  readonly afterBytes?: number;
  /** Only the UploadPart of this part number. */
  readonly partNumber?: number;
}

/** Arms a fault for requests on `key`; returns the rule's id. */
export async function armFault(env: TransferEnv, key: string, rule: KeyFault): Promise<number> {
  const { id } = (await env.admin({ method: 'POST', path: '/faults', body: { ...rule, key } })) as { id: number };
  return id;
}

/** Throws unless the rule was used up (each of its `count` requests happened). */
export async function checkFaultUsed(env: TransferEnv, id: number, what: string): Promise<void> {
  const stats = (await env.admin({ method: 'GET', path: '/faults' })) as {
    rules: Array<{ id: number; remaining: number | null }>;
  };
  const left = stats.rules.find((r) => r.id === id);
  check(left === undefined, `${what}: the fault rule still has ${left?.remaining} of its requests to hit`);
}

/** Expires every STS token the emulator issued so far (the run's static credentials too). */
export async function expireTokens(env: TransferEnv): Promise<void> {
  await env.admin({ method: 'POST', path: '/sts/expire' });
}

/** Throws unless the whole object decrypts to `expected` through `get`. */
export async function checkObject(
  client: TransferClient,
  key: string,
  expected: Uint8Array,
  what: string,
): Promise<void> {
  sameBytes((await client.get(key)).body, expected, what);
}

/** Throws unless no multipart upload of `key` is left on the server. */
export async function checkNoUploadLeft(client: TransferClient, key: string, what: string): Promise<void> {
  const left = await client.listMultipartUploads({ prefix: key });
  equal(left.length, 0, `${what}: multipart uploads of ${key} left on the server`);
}

/**
 * Throws unless there are `expected` retry events, each a retryable ERR_TRANSPORT of part `partNumber` (undefined: not
 * a part).
 */
export function checkRetries(
  events: readonly RetryEvent[],
  expected: number,
  partNumber: number | undefined,
  what: string,
): void {
  equal(events.length, expected, `${what}: onRetry events`);
  for (const e of events) {
    equal(e.partNumber, partNumber, `${what}: the part an onRetry event names`);
    check(
      isOssCseError(e.error, 'ERR_TRANSPORT') && e.error.details?.['retryable'] === true,
      `${what}: an onRetry event's error is not a retryable ERR_TRANSPORT: ${describeError(e.error)}`,
    );
  }
}

/** The bytes of a Blob (a download's blobSink). */
export async function blobBytes(blob: Blob | undefined, what: string): Promise<Uint8Array> {
  check(blob !== undefined, `${what}: the sink holds no Blob`);
  return readAll(blob.stream());
}

/** A copy of `bytes` with the byte at `offset` changed. */
export function withByteChanged(bytes: Uint8Array, offset: number): Uint8Array {
  const copy = bytes.slice();
  copy[offset] = copy[offset]! ^ 0xff;
  return copy;
}
