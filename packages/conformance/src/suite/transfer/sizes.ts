// Sizes at the cipher's block edges and the multipart plan's part edges, written with put (one PutObject) and
// upload (one PutObject up to the part size, parts above it), each read back whole three ways: get, getStream in
// small ranged GETs, and download into a Blob.
import { readAll } from '@oss-cse/core';
import { blobSink } from '@oss-cse/transfer';
import type { TransferSuite } from '../../harness/suite-api.js';
import { check, equal, sameBytes } from '../../harness/assert.js';
import { patternBytes } from '../fixtures.js';
import { blobBytes, PART, suiteClient } from './support.js';

export const TRANSFER_SIZES = [0, 1, 15, 16, 17, PART - 1, PART, PART + 1, 3 * PART + 5] as const;

/** getStream's ranged GETs: a multiple of 16 that does not divide the part size. */
const STREAM_CHUNK = 48 * 1024;

export const sizes: TransferSuite = {
  name: 'sizes',
  define(t, env) {
    for (const writer of ['put', 'upload'] as const) {
      for (const size of TRANSFER_SIZES) {
        const parts = writer === 'upload' && size > PART ? Math.ceil(size / PART) : 0;
        t.test(
          `${writer} ${size} B (${parts ? `${parts} parts` : 'one PutObject'}), read back by get, getStream and download`,
          async () => {
            const { client } = await suiteClient(env);
            const key = `${env.prefix}sizes/${writer}-${size}.bin`;
            const data = patternBytes(size, 1000 + size);
            const written =
              writer === 'put'
                ? { ...(await client.put(key, data)), parts: 0 }
                : await client.upload(key, new Blob([data as Uint8Array<ArrayBuffer>]));
            equal(written.size, size, `${writer} result size`);
            equal(written.parts, parts, `${writer} result parts`);

            const info = await client.head(key);
            equal(info.size, size, 'HEAD size');
            check(info.encrypted, 'HEAD: the object carries the encryption headers');
            equal(info.envelope?.dataSize ?? null, parts ? size : null, 'the envelope data-size (multipart only)');

            sameBytes((await client.get(key)).body, data, 'get');
            sameBytes(
              await readAll((await client.getStream(key, { chunkSize: STREAM_CHUNK })).body),
              data,
              `getStream in ${STREAM_CHUNK} B GETs`,
            );
            const sink = blobSink();
            const downloaded = await client.download(key, sink);
            equal(downloaded.size, size, 'download result size');
            equal(downloaded.parts, Math.ceil(size / PART), 'download result parts');
            sameBytes(await blobBytes(sink.blob, 'download'), data, 'download into a Blob');
            await client.delete(key);
          },
        );
      }
    }
  },
};
