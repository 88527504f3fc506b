// Faults through the emulator, met by the engine's one retry policy: a 503 burst on a part within the budget is
// retried (onRetry names the part), beyond it the upload fails with ERR_TRANSPORT and aborts its multipart upload;
// a connection reset mid-body and an answer later than timeoutMs are retried with exact bytes; STS tokens expired
// mid-transfer are refreshed once from the credentials function and the transfer succeeds.
import { readAll } from '@oss-cse/core';
import { blobSink, type RetryEvent, type TransferClient } from '@oss-cse/transfer';
import type { TransferEnv } from '../../context.js';
import type { TransferSuite } from '../../harness/suite-api.js';
import { check, equal, rejectsWith, sameBytes } from '../../harness/assert.js';
import { patternBytes } from '../fixtures.js';
import {
  armFault,
  blobBytes,
  checkFaultUsed,
  checkNoUploadLeft,
  checkObject,
  checkRetries,
  expireTokens,
  keptMemorySink,
  namedSource,
  PART,
  RETRY,
  suiteClient,
  type KeyFault,
} from './support.js';

const SIZE = 2 * PART + 17;
const UNAVAILABLE = { type: 'fail', operation: 'UploadPart', status: 503, code: 'ServiceUnavailable' } as const;

/** A read of `key` that reports its retries. */
type Reader = (client: TransferClient, key: string, onRetry: (e: RetryEvent) => void) => Promise<Uint8Array>;

const READERS: ReadonlyArray<{ readonly name: string; readonly read: Reader }> = [
  { name: 'get', read: async (c, key, onRetry) => (await c.get(key, { onRetry })).body },
  {
    name: 'getStream',
    read: async (c, key, onRetry) => readAll((await c.getStream(key, { onRetry, chunkSize: 64 * 1024 })).body),
  },
  {
    name: 'download',
    read: async (c, key, onRetry) => {
      const sink = blobSink();
      await c.download(key, sink, { onRetry });
      return blobBytes(sink.blob, 'download');
    },
  },
];

/**
 * Each reader in turn through one fault `rule` on `key`: exact bytes, the rule used up, exactly one retry (of part 1
 * for download). Returns each reader's retried error.
 */
async function readEachThrough(
  env: TransferEnv,
  client: TransferClient,
  key: string,
  data: Uint8Array,
  rule: KeyFault,
  what: string,
): Promise<Array<[string, unknown]>> {
  const retried: Array<[string, unknown]> = [];
  for (const { name, read } of READERS) {
    const fault = await armFault(env, key, rule);
    const events: RetryEvent[] = [];
    sameBytes(await read(client, key, (e) => events.push(e)), data, `${name} through ${what}`);
    await checkFaultUsed(env, fault, `${name} through ${what}`);
    checkRetries(events, 1, name === 'download' ? 1 : undefined, `${name} through ${what}`);
    retried.push([name, events[0]!.error]);
  }
  return retried;
}

/** Writes the object every read case reads. */
async function written(
  env: TransferEnv,
  client: TransferClient,
  name: string,
  seed: number,
): Promise<{ key: string; data: Uint8Array }> {
  const key = `${env.prefix}faults/${name}`;
  const data = patternBytes(SIZE, seed);
  await client.upload(key, data);
  return { key, data };
}

export const faults: TransferSuite = {
  name: 'faults',
  define(t, env) {
    t.test(
      `${RETRY.retries} × 503 on UploadPart #2 (the retry budget): the upload succeeds, onRetry names part 2`,
      async () => {
        const { client } = await suiteClient(env, { concurrency: 1 });
        const key = `${env.prefix}faults/503-within.bin`;
        const data = patternBytes(SIZE, 101);
        const fault = await armFault(env, key, { ...UNAVAILABLE, count: RETRY.retries, partNumber: 2 });
        const source = namedSource(data, '503-within.bin');
        const events: RetryEvent[] = [];
        const r = await client.upload(key, source, { onRetry: (e) => events.push(e) });
        equal(r.parts, 3, 'parts');
        await checkFaultUsed(env, fault, 'the 503 burst');
        checkRetries(events, RETRY.retries, 2, '503 burst');
        await checkObject(client, key, data, 'the uploaded object');
      },
    );

    t.test(
      `${RETRY.retries + 1} × 503 on UploadPart (beyond the budget): ERR_TRANSPORT, no multipart upload left`,
      async () => {
        const { client } = await suiteClient(env, { concurrency: 1 });
        const key = `${env.prefix}faults/503-beyond.bin`;
        const fault = await armFault(env, key, { ...UNAVAILABLE, count: RETRY.retries + 1 });
        const e = await rejectsWith(() => client.upload(key, patternBytes(SIZE, 102)), ['ERR_TRANSPORT'], 'the upload');
        equal(e.details?.['status'], 503, 'the status of the last failure');
        await checkFaultUsed(env, fault, 'the 503 burst');
        await checkNoUploadLeft(client, key, 'after the failed upload');
      },
    );

    t.test(
      'a connection reset mid-body of a GET is retried: get, getStream and download return exact bytes',
      async () => {
        const { client } = await suiteClient(env, { concurrency: 1 });
        const { key, data } = await written(env, client, 'reset.bin', 103);
        await readEachThrough(
          env,
          client,
          key,
          data,
          { type: 'reset', operation: 'GetObject', afterBytes: 20_000, count: 1 },
          'a reset',
        );
      },
    );

    t.test('an answer later than timeoutMs is retried: get, getStream and download return exact bytes', async () => {
      const { client } = await suiteClient(env, { concurrency: 1, timeoutMs: 1500 });
      const { key, data } = await written(env, client, 'timeout.bin', 104);
      const retried = await readEachThrough(
        env,
        client,
        key,
        data,
        { type: 'delay', operation: 'GetObject', delayMs: 3500, count: 1 },
        'a delay',
      );
      for (const [name, error] of retried) {
        const message = error instanceof Error ? error.message : String(error);
        check(message.includes('timeout'), `${name}: the retried error names the timeout: ${message}`);
      }
    });

    t.test(
      'STS tokens expired before UploadPart #2 (2 parts in flight): the credentials function runs once more, the upload succeeds',
      async () => {
        const { client, vended } = await suiteClient(env, { concurrency: 2 });
        const key = `${env.prefix}faults/sts-upload.bin`;
        const data = patternBytes(3 * PART + 17, 105);
        let expired = false;
        const source = namedSource(data, 'sts-upload.bin', async (offset) => {
          if (offset === PART && !expired) {
            expired = true;
            await expireTokens(env);
          }
        });
        equal((await client.upload(key, source)).parts, 4, 'parts');
        check(expired, 'the upload never reached part 2');
        equal(vended(), 2, 'credentials vended (the first, then one refresh)');
        await checkObject(client, key, data, 'the uploaded object');
        equal(vended(), 2, 'credentials vended after reading it back');
      },
    );

    t.test(
      'STS tokens expired after the first ranged GET of a download (2 in flight): one refresh, exact bytes',
      async () => {
        const { client, vended } = await suiteClient(env, { concurrency: 2 });
        const { key, data } = await written(env, client, 'sts-download.bin', 106);
        equal(vended(), 1, 'credentials vended for the upload');
        // Every write waits for the one expiry: a part finishing while it is still on its way could otherwise let the
        // next part's GET go out with the old token before the emulator revoked it.
        let expiry: Promise<void> | undefined;
        const sink = keptMemorySink('sts-download', async () => {
          expiry ??= expireTokens(env);
          await expiry;
        });
        const r = await client.download(key, sink);
        equal(r.parts, 3, 'parts');
        check(sink.bytes, 'the download committed nothing');
        sameBytes(sink.bytes, data, 'the downloaded bytes');
        equal(vended(), 2, 'credentials vended (the first, then one refresh)');
      },
    );
  },
};
