// Cancelling through an AbortSignal while a request is in flight (the emulator holds it back): the upload rejects
// with ERR_ABORTED at once and leaves no multipart upload and no resume record; the download rejects with
// ERR_ABORTED and its sink holds nothing.
import { memoryResumeStore } from '@oss-cse/transfer';
import type { TransferEnv } from '../../context.js';
import type { TransferSuite } from '../../harness/suite-api.js';
import { check, equal, rejectsWith } from '../../harness/assert.js';
import { patternBytes } from '../fixtures.js';
import {
  armFault,
  checkFaultUsed,
  checkNoUploadLeft,
  keptMemorySink,
  namedSource,
  PART,
  suiteClient,
} from './support.js';

/** How long the emulator holds the request back, and when the signal aborts it. */
const HOLD_MS = 5000;
const ABORT_AFTER_MS = 200;

/** A signal that aborts while a request is held back, and when it did. */
class HeldAbort {
  readonly controller = new AbortController();
  abortedAt: number | undefined;
  rule: number | undefined;

  /** Arms a delay of the next `operation` on `key` (once), then aborts while that request waits. */
  async arm(env: TransferEnv, key: string, operation: string): Promise<void> {
    if (this.rule !== undefined) return;
    this.rule = await armFault(env, key, { type: 'delay', operation, delayMs: HOLD_MS, count: 1 });
    setTimeout(() => {
      this.abortedAt = Date.now();
      this.controller.abort();
    }, ABORT_AFTER_MS);
  }

  /** Throws unless the held request was the one aborted, and `action` rejected at once, not when the answer came. */
  async check(env: TransferEnv, action: () => Promise<unknown>, what: string): Promise<void> {
    await rejectsWith(action, ['ERR_ABORTED'], what);
    const ms = Date.now() - (this.abortedAt ?? Number.NaN);
    check(this.rule !== undefined, `${what}: the request to hold back was never reached`);
    await checkFaultUsed(env, this.rule, `${what}: the held request`);
    check(
      ms < HOLD_MS / 2,
      `${what}: rejected ${ms} ms after the signal aborted (the emulator answers after ${HOLD_MS} ms)`,
    );
  }
}

export const abort: TransferSuite = {
  name: 'abort',
  define(t, env) {
    t.test(
      'an abort while part 2 is in flight: ERR_ABORTED, no multipart upload and no resume record left',
      async () => {
        const { client } = await suiteClient(env, { concurrency: 1, resumeStore: memoryResumeStore() });
        const key = `${env.prefix}abort/upload.bin`;
        const held = new HeldAbort();
        const source = namedSource(patternBytes(3 * PART + 1, 91), 'abort-upload.bin', async (offset) => {
          if (offset === PART) await held.arm(env, key, 'UploadPart');
        });
        await held.check(
          env,
          () => client.upload(key, source, { signal: held.controller.signal }),
          'the upload aborted during UploadPart #2',
        );
        await checkNoUploadLeft(client, key, 'after the abort');
        equal((await client.pendingTransfers()).length, 0, 'pending transfers after the abort');
        await rejectsWith(() => client.head(key), ['ERR_NOT_FOUND'], "HEAD of the aborted upload's key");
      },
    );

    t.test('an abort while a ranged GET is in flight: ERR_ABORTED, the sink holds nothing', async () => {
      const { client } = await suiteClient(env, { concurrency: 1 });
      const key = `${env.prefix}abort/download.bin`;
      await client.upload(key, patternBytes(3 * PART + 1, 92));
      const held = new HeldAbort();
      const sink = keptMemorySink('abort-download', () => held.arm(env, key, 'GetObject'));
      await held.check(
        env,
        () => client.download(key, sink, { signal: held.controller.signal }),
        'the download aborted during the GET of part 2',
      );
      equal(sink.bytes, undefined, 'what the sink committed');
    });
  },
};
