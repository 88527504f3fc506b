// Resuming with a resume store: an upload interrupted after K parts (an abort with onAbort 'keep', or part K+1
// failing beyond the retry budget) continues with exactly K parts resumed; a part changed since it was sent makes
// the upload start over with a fresh data key and IV; an interrupted download continues with the parts it wrote.
import { parseEnvelope, toHex, unwrapEnvelope, V2_HEADERS, type Keyring, type MasterKey } from '@oss-cse/core';
import {
  createFetchTransport,
  memoryResumeStore,
  type ResumeRecord,
  type TransferClient,
  type UploadRecord,
} from '@oss-cse/transfer';
import type { TransferEnv } from '../../context.js';
import type { TransferSuite } from '../../harness/suite-api.js';
import { check, equal, rejectsWith, sameBytes } from '../../harness/assert.js';
import { patternBytes } from '../fixtures.js';
import {
  armFault,
  checkFaultUsed,
  checkNoUploadLeft,
  checkObject,
  keptMemorySink,
  namedFile,
  namedSource,
  PART,
  RETRY,
  suiteClient,
  withByteChanged,
} from './support.js';

/** 5 parts; the interruption comes after K of them. */
const SIZE = 4 * PART + 33;
const K = 2;

/** A client with a memory resume store, one part in flight (parts go in order). */
function resumableClient(env: TransferEnv) {
  return suiteClient(env, { concurrency: 1, resumeStore: memoryResumeStore() });
}

/** The one pending transfer of `key`. */
async function pendingOf(client: TransferClient, key: string, kind: ResumeRecord['kind']): Promise<ResumeRecord> {
  const pending = (await client.pendingTransfers()).filter((r) => r.key === key);
  equal(pending.length, 1, `pending transfers of ${key}`);
  equal(pending[0]!.kind, kind, 'the pending transfer kind');
  return pending[0]!;
}

/** Uploads `file` and aborts it (onAbort 'keep') once part K is done: the record and the upload stay. */
async function interruptedUpload(client: TransferClient, key: string, file: File): Promise<UploadRecord> {
  const controller = new AbortController();
  await rejectsWith(
    () =>
      client.upload(key, file, {
        signal: controller.signal,
        onAbort: 'keep',
        onPart: (p) => {
          if (p.partNumber === K) controller.abort();
        },
      }),
    ['ERR_ABORTED'],
    `upload aborted after part ${K}`,
  );
  const record = (await pendingOf(client, key, 'upload')) as UploadRecord;
  equal(record.parts.length, K, 'parts the record holds');
  const uploads = await client.listMultipartUploads({ prefix: key });
  equal(uploads.map((u) => u.uploadId).join(), record.uploadId, 'the kept upload on the server');
  return record;
}

/** The data key and IV (hex) of wrapped material (a resume record's) or of an object's envelope headers. */
async function unwrapped(
  keyring: Keyring | MasterKey,
  headers: Readonly<Record<string, string>>,
): Promise<{ cek: string; iv: string }> {
  const envelope = parseEnvelope(headers);
  check(envelope, 'no envelope in the headers');
  const { cek, iv } = await unwrapEnvelope({ keyring, envelope });
  return { cek: toHex(cek), iv: toHex(iv) };
}

export const resume: TransferSuite = {
  name: 'resume',
  define(t, env) {
    t.test(`an upload aborted after ${K} parts (onAbort 'keep') resumes with resumedParts ${K}`, async () => {
      const { client } = await resumableClient(env);
      const key = `${env.prefix}resume/abort-keep.bin`;
      const data = patternBytes(SIZE, 81);
      const file = namedFile(data, 'abort-keep.bin');
      const record = await interruptedUpload(client, key, file);
      const r = await client.upload(key, file);
      equal(r.resumedParts, K, 'resumedParts');
      equal(r.parts, 5, 'parts');
      equal(r.uploadId, record.uploadId, 'the resumed upload');
      await checkObject(client, key, data, 'the resumed object');
      equal((await client.pendingTransfers()).length, 0, 'pending transfers after the resumed upload');
      await checkNoUploadLeft(client, key, 'after the resumed upload');
    });

    t.test(`an upload whose part ${K + 1} fails beyond the retry budget resumes with resumedParts ${K}`, async () => {
      const { client } = await resumableClient(env);
      const key = `${env.prefix}resume/part-fails.bin`;
      const data = patternBytes(SIZE, 82);
      const fault = await armFault(env, key, {
        type: 'fail',
        operation: 'UploadPart',
        status: 503,
        code: 'ServiceUnavailable',
        count: RETRY.retries + 1,
        partNumber: K + 1,
      });
      const source = namedSource(data, 'part-fails.bin');
      const e = await rejectsWith(
        () => client.upload(key, source),
        ['ERR_TRANSPORT'],
        `part ${K + 1} failing ${RETRY.retries + 1} times`,
      );
      equal(e.details?.['status'], 503, 'the status of the last failure');
      await checkFaultUsed(env, fault, 'the failing part');
      const record = (await pendingOf(client, key, 'upload')) as UploadRecord;
      equal(record.parts.length, K, 'parts the record holds');
      const r = await client.upload(key, source);
      equal(r.resumedParts, K, 'resumedParts');
      equal(r.uploadId, record.uploadId, 'the resumed upload');
      await checkObject(client, key, data, 'the resumed object');
      await checkNoUploadLeft(client, key, 'after the resumed upload');
    });

    t.test('a sent part changed since (same size) restarts the upload with a fresh data key and IV', async () => {
      const { client, keyring } = await resumableClient(env);
      const key = `${env.prefix}resume/changed.bin`;
      const data = patternBytes(SIZE, 83);
      const old = await interruptedUpload(client, key, namedFile(data, 'changed.bin'));
      const changed = withByteChanged(data, PART + 10);
      const restarts: string[] = [];
      const r = await client.upload(key, namedFile(changed, 'changed.bin'), { onRestart: (why) => restarts.push(why) });
      equal(restarts.join(), 'source-changed', 'onRestart reasons');
      equal(r.resumedParts, 0, 'resumedParts');
      check(r.uploadId !== old.uploadId, 'the restarted upload has a new upload id');
      await checkNoUploadLeft(client, key, 'the old upload is aborted');
      await checkObject(client, key, changed, 'the restarted object');

      const oldMaterial = old.material;
      const before = await unwrapped(keyring, {
        [V2_HEADERS.key]: oldMaterial.encryptedKey,
        [V2_HEADERS.start]: oldMaterial.encryptedIv,
        [V2_HEADERS.cekAlg]: oldMaterial.cekAlg,
        [V2_HEADERS.wrapAlg]: oldMaterial.wrapAlg,
      });
      const { endpoint, region, bucket } = env.input.emulator;
      const after = await unwrapped(
        keyring,
        await createFetchTransport({ endpoint, region, bucket }).headObject(key, { credentials: await env.vend() }),
      );
      check(after.iv !== before.iv, "the restarted upload reused the interrupted upload's IV");
      check(after.cek !== before.cek, "the restarted upload reused the interrupted upload's data key");
    });

    t.test(`a download aborted after ${K} parts resumes with resumedParts ${K}`, async () => {
      const { client } = await resumableClient(env);
      const key = `${env.prefix}resume/download.bin`;
      const data = patternBytes(SIZE, 84);
      await client.upload(key, data);
      const sink = keptMemorySink('resume-download');
      const controller = new AbortController();
      await rejectsWith(
        () =>
          client.download(key, sink, {
            signal: controller.signal,
            onProgress: (p) => {
              if (p.partsDone === K) controller.abort();
            },
          }),
        ['ERR_ABORTED'],
        `download aborted after part ${K}`,
      );
      equal(sink.bytes, undefined, 'the sink committed nothing');
      const record = await pendingOf(client, key, 'download');
      equal(Object.keys(record.kind === 'download' ? record.parts : {}).length, K, 'parts the record holds');
      const r = await client.download(key, sink);
      equal(r.resumedParts, K, 'resumedParts');
      equal(r.parts, 5, 'parts');
      check(sink.bytes, 'the sink committed nothing');
      sameBytes(sink.bytes, data, 'the resumed download');
      equal((await client.pendingTransfers()).length, 0, 'pending transfers after the resumed download');
    });
  },
};
