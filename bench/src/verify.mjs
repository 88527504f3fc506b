// What the transfer benchmarks check after each timed transfer, outside the timed section: every uploaded object
// read back from the emulator (an encrypted one decrypted by node:crypto with the data key and IV its envelope
// unwraps to) and every download compared with the source, by SHA-256 and length. A mismatch throws
// BenchCheckError naming the figure, which fails the bench run.
import { createDecipheriv, createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { parseEnvelope, unwrapEnvelope } from '@oss-cse/core';

/** A benchmark moved the wrong bytes: its figure must not be reported. */
export class BenchCheckError extends Error {
  constructor(figure, problem) {
    super(`${figure}: ${problem}`);
    this.name = 'BenchCheckError';
    this.figure = figure;
  }
}

/** SHA-256 (hex) and length of the bytes of `chunks` (any iterable or async iterable of Uint8Array). */
export async function digestOf(chunks, transform = (c) => c) {
  const hash = createHash('sha256');
  let length = 0;
  for await (const chunk of chunks) {
    const bytes = transform(chunk);
    hash.update(bytes);
    length += bytes.length;
  }
  return { sha256: hash.digest('hex'), length };
}

export const fileDigest = (path) => digestOf(createReadStream(path, { highWaterMark: 1024 * 1024 }));

/**
 * The digest of what `key` holds: its bytes as stored or, with `keyring`, its plaintext (the envelope unwrapped
 * by the keyring, the content decrypted by node:crypto's aes-256-ctr, independently of core's CTR stream).
 */
export async function storedDigest(oss, key, { keyring } = {}) {
  const { stream, res } = await oss.getStream(key);
  if (!keyring) return digestOf(stream);
  const envelope = parseEnvelope(res.headers);
  if (!envelope) {
    stream.destroy();
    throw new Error('the stored object has no encryption headers');
  }
  let material;
  try {
    material = await unwrapEnvelope({ keyring, envelope });
  } catch (e) {
    stream.destroy();
    throw e;
  }
  const decipher = createDecipheriv('aes-256-ctr', material.cek, material.iv);
  material.cek.fill(0);
  return digestOf(stream, (c) => decipher.update(c));
}

const short = (d) => `${d.length} bytes, SHA-256 ${d.sha256.slice(0, 12)}…`;

/** Throws BenchCheckError unless `actual` is the digest `expected` (both `{ sha256, length }`). */
export function expectSame(figure, what, actual, expected) {
  if (actual.sha256 !== expected.sha256 || actual.length !== expected.length) {
    throw new BenchCheckError(
      figure,
      `${what} differs from the source (${short(actual)} instead of ${short(expected)})`,
    );
  }
}

/** Reads `key` back (decrypting it with `keyring` when given) and compares it with the `expected` digest. */
export async function verifyStored({ figure, oss, key, keyring, expected }) {
  let actual;
  try {
    actual = await storedDigest(oss, key, { keyring });
  } catch (e) {
    throw new BenchCheckError(
      figure,
      `the stored object ${key} cannot be read back${keyring ? ' and decrypted' : ''} (${e?.code ?? e?.name ?? 'error'})`,
    );
  }
  expectSame(figure, `the stored object ${key}`, actual, expected);
}

/** Compares the file at `path` with the `expected` digest. */
export async function verifyFile({ figure, path, expected }) {
  expectSame(figure, 'the downloaded file', await fileDigest(path), expected);
}

/** Runs a benchmark script's `main`: a failed check ends it with its one-line message and exit code 1. */
export async function runChecked(main) {
  try {
    await main();
  } catch (e) {
    if (!(e instanceof BenchCheckError)) throw e;
    console.error(`bench: check failed, no figure reported: ${e.message}`);
    process.exitCode = 1;
  }
}
